/// ISO 3166-1 alpha-2 country codes as DCCs, trust lists, rules and revocation batches write them.
public enum CountryCode {
    /// Whether `text` is exactly two upper-case ASCII letters.
    public static func isAlpha2(_ text: String) -> Bool {
        text.utf8.count == 2 && text.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }
}
