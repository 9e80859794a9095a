import CryptoCore
public import Foundation

/// One received advertisement: the RPI and AEM heard, when (unix seconds) and how strongly (RSSI, dBm).
public struct Sighting: Hashable, Sendable {
    /// Signal strengths a receiver can report.
    public static let rssiRange = -127...20

    public let rpi: RollingProximityIdentifier
    public let aem: AssociatedEncryptedMetadata
    public let time: Int64
    public let rssi: Int

    /// A sighting; throws `invalidSighting` for a time outside the ENIntervalNumber range or an RSSI outside
    /// −127...20 dBm.
    public init(rpi: RollingProximityIdentifier, aem: AssociatedEncryptedMetadata, time: Int64, rssi: Int) throws {
        guard (try? ENIntervalNumber(unixSeconds: time)) != nil else {
            throw ContactTracingError(.invalidSighting, "time \(time) is outside the interval range")
        }
        guard Self.rssiRange.contains(rssi) else {
            throw ContactTracingError(.invalidSighting, "RSSI \(rssi) dBm is outside -127...20")
        }
        self.rpi = rpi
        self.aem = aem
        self.time = time
        self.rssi = rssi
    }

    /// The interval the sighting fell in.
    public var interval: ENIntervalNumber {
        ENIntervalNumber(rawValue: UInt32(time / ENIntervalNumber.secondsPerInterval))
    }

    struct JSONForm: Codable {
        let rpi: String
        let aem: String
        let time: Int64
        let rssi: Int
    }

    /// Decodes the JSON sighting list `[{"rpi": hex, "aem": hex, "time": unix seconds, "rssi": dBm}]`.
    public static func decodeJSONList(_ data: Data) throws -> [Sighting] {
        let forms: [JSONForm]
        do {
            forms = try JSONDecoder().decode([JSONForm].self, from: data)
        } catch {
            throw ContactTracingError(.invalidJSON, "sighting list: \(error)")
        }
        return try forms.enumerated().map { index, form in
            do {
                return try Sighting(
                    rpi: RollingProximityIdentifier(hex: form.rpi), aem: AssociatedEncryptedMetadata(hex: form.aem),
                    time: form.time, rssi: form.rssi)
            } catch let error as ContactTracingError {
                throw ContactTracingError(error.code, "sighting \(index): \(error.reason)")
            }
        }
    }

    /// Encodes sightings in the JSON sighting-list format.
    public static func encodeJSONList(_ sightings: [Sighting]) throws -> Data {
        try JSONEncoder().encode(
            sightings.map {
                JSONForm(rpi: Hex.encode($0.rpi.bytes), aem: Hex.encode($0.aem.bytes), time: $0.time, rssi: $0.rssi)
            })
    }
}
