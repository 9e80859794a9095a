import CryptoCore

/// A sighting matched to a diagnosis key, with its decrypted metadata.
public struct MatchedSighting: Hashable, Sendable {
    public let sighting: Sighting
    /// The interval for which the key derives the sighting's RPI.
    public let interval: ENIntervalNumber
    public let metadata: BluetoothMetadata

    /// Attenuation in dB: transmit power from the metadata minus the RSSI.
    public var attenuation: Int { metadata.transmitPower - sighting.rssi }
}

/// Matched sightings of one key on one UTC day spanning at most 30 minutes (ENv2 exposure windows).
public struct ExposureWindow: Hashable, Sendable {
    /// Longest span of a window, first to last sighting.
    public static let maximumSeconds: Int64 = 30 * 60

    public let key: DiagnosisKey
    /// UTC day of the sightings, as days since 1970-01-01.
    public let day: Int64
    /// The sightings in time order.
    public let sightings: [MatchedSighting]

    public var startTime: Int64 { sightings.first?.sighting.time ?? 0 }
    public var endTime: Int64 { sightings.last?.sighting.time ?? 0 }
    public var minimumAttenuation: Int { sightings.map(\.attenuation).min() ?? 0 }

    /// The UTC day as YYYY-MM-DD.
    public var date: String { Self.date(ofDay: day) }

    /// Splits one key's matched sightings into windows: by UTC day, then a new window whenever a sighting is
    /// more than 30 minutes after the window's first.
    static func windows(of key: DiagnosisKey, sightings: [MatchedSighting]) -> [ExposureWindow] {
        let ordered = sightings.sorted { ($0.sighting.time, $0.sighting.rssi) < ($1.sighting.time, $1.sighting.rssi) }
        var windows: [ExposureWindow] = []
        var current: [MatchedSighting] = []
        var currentDay: Int64 = -1
        for sighting in ordered {
            let day = sighting.sighting.time / 86_400
            if let first = current.first,
                day != currentDay || sighting.sighting.time - first.sighting.time > maximumSeconds
            {
                windows.append(ExposureWindow(key: key, day: currentDay, sightings: current))
                current = []
            }
            currentDay = day
            current.append(sighting)
        }
        if !current.isEmpty {
            windows.append(ExposureWindow(key: key, day: currentDay, sightings: current))
        }
        return windows
    }

    /// Civil date of a day number (days since 1970-01-01).
    static func date(ofDay day: Int64) -> String {
        CivilCalendar.iso8601(days: day)
    }
}
