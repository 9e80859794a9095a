import CryptoCore

/// Unique vaccination certificate identifiers in the eHealth Network format (UVCI guidelines Annex 2):
/// `URN:UVCI:01:<CC>:<opaque id>#<check character>`, the check character by Luhn mod N over
/// `A-Z 0-9 / :` (N = 38) computed over everything before `#`.
public enum UVCI {
    static let checksumAlphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/:".utf8)
    static let identifierAlphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)

    /// A new random UVCI for a country: 26 opaque characters (about 134 bits) and the check character.
    public static func generate(country: String) throws(CertificateError) -> String {
        let random = SecureRandom.bytes(count: 26)
        let opaque = String(
            decoding: random.map { identifierAlphabet[Int($0) % identifierAlphabet.count] }, as: UTF8.self)
        let body = "URN:UVCI:01:\(country.uppercased()):\(opaque)"
        guard let check = checkCharacter(for: body) else {
            throw CertificateError(.invalidPayload, "country \(country) has characters a UVCI cannot hold")
        }
        return body + "#" + String(check)
    }

    /// The Luhn mod N check character, nil when `body` holds a character outside the alphabet.
    public static func checkCharacter(for body: String) -> Character? {
        let n = checksumAlphabet.count
        var factor = 2
        var sum = 0
        for byte in body.utf8.reversed() {
            guard let codePoint = checksumAlphabet.firstIndex(of: byte) else { return nil }
            let addend = factor * codePoint
            sum += addend / n + addend % n
            factor = factor == 2 ? 1 : 2
        }
        return Character(Unicode.Scalar(checksumAlphabet[(n - sum % n) % n]))
    }

    /// Whether a UVCI ends in `#` and the right check character.
    public static func hasValidChecksum(_ uvci: String) -> Bool {
        guard let hash = uvci.lastIndex(of: "#"), uvci.index(after: hash) < uvci.endIndex else { return false }
        let check = uvci[uvci.index(after: hash)...]
        guard check.count == 1, let expected = checkCharacter(for: String(uvci[..<hash])) else { return false }
        return check.first == expected
    }
}
