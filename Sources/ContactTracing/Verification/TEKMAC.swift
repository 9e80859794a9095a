import CryptoCore
import Foundation

/// The HMAC that binds a verification certificate to the keys a phone will publish (the reference verification
/// server's `tekmac`): HMAC-SHA256, under a secret the phone chose, over every key written as
/// `base64(key).rollingStartIntervalNumber.rollingPeriod.transmissionRisk`, sorted, joined with `,`. The
/// reference key server also takes the form without `.transmissionRisk` when every risk is 0 (phones that no
/// longer send one), and so do we.
public enum TEKMAC {
    /// Length of the code in bytes.
    public static let byteCount = SHA256.byteCount

    /// The message the HMAC covers, with each key's transmission risk unless `includingRisk` is false.
    public static func message(for keys: [DiagnosisKey], includingRisk: Bool = true) -> [UInt8] {
        // Built as bytes: every publish is checked through here. The lines are ASCII, so byte order is the
        // reference's string order.
        let lines = keys.map { line($0, includingRisk: includingRisk) }.sorted { $0.lexicographicallyPrecedes($1) }
        var message: [UInt8] = []
        message.reserveCapacity(lines.reduce(0) { $0 + $1.count + 1 })
        for line in lines {
            if !message.isEmpty { message.append(UInt8(ascii: ",")) }
            message += line
        }
        return message
    }

    /// `base64(key).rollingStartIntervalNumber.rollingPeriod[.transmissionRisk]`.
    private static func line(_ key: DiagnosisKey, includingRisk: Bool) -> [UInt8] {
        var line = Array(Data(key.key.keyData).base64EncodedString().utf8)
        var numbers = [Int(key.rollingStartIntervalNumber.rawValue), key.rollingPeriod]
        if includingRisk { numbers.append(key.transmissionRiskLevel) }
        for number in numbers {
            line.append(UInt8(ascii: "."))
            line += String(number).utf8
        }
        return line
    }

    /// HMAC-SHA256 of ``message(for:includingRisk:)`` under `secret`.
    public static func authenticationCode(for keys: [DiagnosisKey], secret: [UInt8], includingRisk: Bool = true)
        -> [UInt8]
    {
        HMACSHA256.authenticationCode(for: message(for: keys, includingRisk: includingRisk), key: secret)
    }

    /// Whether `code` is the HMAC of `keys` under `secret` (without the risks too, when every risk is 0),
    /// compared in constant time.
    public static func isValid(_ code: [UInt8], for keys: [DiagnosisKey], secret: [UInt8]) -> Bool {
        if matches(code, authenticationCode(for: keys, secret: secret)) { return true }
        guard keys.allSatisfy({ $0.transmissionRiskLevel == 0 }) else { return false }
        return matches(code, authenticationCode(for: keys, secret: secret, includingRisk: false))
    }

    private static func matches(_ code: [UInt8], _ expected: [UInt8]) -> Bool {
        guard code.count == expected.count else { return false }
        return zip(code, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
