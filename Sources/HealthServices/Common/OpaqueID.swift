import CryptoCore

/// Opaque identifiers: a short type prefix and 96 random bits in hex (`apt_1f0c…`), unguessable and never
/// derived from personal data.
package enum OpaqueID {
    /// A fresh identifier with `prefix`.
    package static func make(_ prefix: String) -> String {
        prefix + "_" + Hex.encode(SecureRandom.bytes(count: 12))
    }

    /// A string of `count` random decimal digits, uniformly distributed (for one-time and check-in codes).
    package static func digits(_ count: Int) -> String {
        var result = ""
        while result.count < count {
            // Rejection sampling: bytes of 250 and above would bias the digits towards 0…5.
            for byte in SecureRandom.bytes(count: count) where byte < 250 && result.count < count {
                result.append(Character(String(byte % 10)))
            }
        }
        return result
    }
}
