import ContactTracing
import CryptoCore
import Foundation

/// A phone as the key server sees it: its daily keys, the HMAC secret it binds them with, and the JSON bodies
/// of the upload flow. The HMAC is written out here from the reference format, not taken from the server's code.
struct TestPhone {
    struct Key {
        let data: [UInt8]
        let start: UInt32
        var period = 144
        var risk = 4
    }

    var keys: [Key]
    let secret = SecureRandom.bytes(count: 32)

    /// Full-day keys for each of the `days` UTC days before `now`'s day, newest last.
    init(days: ClosedRange<Int>, now: Date = Date()) {
        let today = UInt32(now.timeIntervalSince1970 / 86_400) * 144
        keys = days.reversed().map { Key(data: SecureRandom.bytes(count: 16), start: today - UInt32($0) * 144) }
    }

    /// base64(HMAC-SHA256(secret, sorted "base64(key).start.period.risk" joined with ",")).
    var hmac: String {
        let message = keys.map { "\(Data($0.data).base64EncodedString()).\($0.start).\($0.period).\($0.risk)" }
            .sorted().joined(separator: ",")
        return Data(HMACSHA256.authenticationCode(for: Array(message.utf8), key: secret)).base64EncodedString()
    }

    func publishBody(certificate: String, revisionToken: String? = nil) -> String {
        let keyObjects = keys.map {
            #"{"key":"\#(Data($0.data).base64EncodedString())","rollingStartNumber":\#($0.start),"rollingPeriod":\#($0.period),"transmissionRisk":\#($0.risk)}"#
        }
        let revision = revisionToken.map { #","revisionToken":"\#($0)""# } ?? ""
        return #"{"temporaryExposureKeys":[\#(keyObjects.joined(separator: ","))],"healthAuthorityID":"bh.moh","#
            + #""verificationPayload":"\#(certificate)","hmacKey":"\#(Data(secret).base64EncodedString())","padding":"AAAA"\#(revision)}"#
    }

    /// What a second phone heard from `key` over Bluetooth: one sighting ten intervals into its day.
    static func sighting(of key: Key) throws -> Sighting {
        let tek = try TemporaryExposureKey(keyData: key.data)
        let interval = ENIntervalNumber(rawValue: key.start + 10)
        let rpi = try RollingProximityIdentifier.derive(rpik: tek.rollingProximityIdentifierKey(), interval: interval)
        let aem = try AssociatedEncryptedMetadata.encrypt(
            BluetoothMetadata(transmitPower: -20), aemk: tek.associatedEncryptedMetadataKey(), rpi: rpi)
        return try Sighting(rpi: rpi, aem: aem, time: interval.unixSeconds + 60, rssi: -70)
    }
}
