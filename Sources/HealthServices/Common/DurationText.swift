/// Durations written as a whole number and a unit: `15m`, `1h`, `90d`.
public enum DurationText {
    /// The duration in minutes, for `m`, `h` and `d` units; nil for anything else or zero.
    public static func minutes(_ text: String) -> Int? {
        guard let unit = text.last, let amount = Int(text.dropLast()), amount > 0, amount <= 1_000_000,
            text.dropLast().allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        switch unit {
        case "m": return amount
        case "h": return amount * 60
        case "d": return amount * 1440
        default: return nil
        }
    }
}
