import CryptoCore
import Foundation

/// The HMAC that binds a verification certificate to the keys a phone will publish (the reference verification
/// server's `tekmac`): HMAC-SHA256, under a secret the phone chose, over every key written as
/// `base64(key).rollingStartIntervalNumber.rollingPeriod.transmissionRisk`, sorted, joined with `,`.
public enum TEKMAC {
    /// Length of the code in bytes.
    public static let byteCount = SHA256.byteCount

    /// The message the HMAC covers.
    public static func message(for keys: [DiagnosisKey]) -> [UInt8] {
        let lines = keys.map {
            "\(Data($0.key.keyData).base64EncodedString()).\($0.rollingStartIntervalNumber.rawValue)."
                + "\($0.rollingPeriod).\($0.transmissionRiskLevel)"
        }
        return Array(lines.sorted().joined(separator: ",").utf8)
    }

    /// HMAC-SHA256 of ``message(for:)`` under `secret`.
    public static func authenticationCode(for keys: [DiagnosisKey], secret: [UInt8]) -> [UInt8] {
        HMACSHA256.authenticationCode(for: message(for: keys), key: secret)
    }

    /// Whether `code` is the HMAC of `keys` under `secret`, compared in constant time.
    public static func isValid(_ code: [UInt8], for keys: [DiagnosisKey], secret: [UInt8]) -> Bool {
        let expected = authenticationCode(for: keys, secret: secret)
        guard code.count == expected.count else { return false }
        return zip(code, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
