/// The fixed-width decimal fields of ISO 8601 text (`YYYY`, `MM`, `DD`, `HH`, ...), read from and written to
/// UTF-8 bytes directly: no `Array` or `String` in between, since timestamps are read and written on every row.
enum ISO8601Digits {
    /// The value of the `count` ASCII digits at `start`; nil when the bytes run out or one is not a digit.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start >= 0, start + count <= bytes.count else { return nil }
        var value = 0
        for index in start..<start + count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// Writes `value` (0 ≤ value < 10^`count`) as `count` digits, zero-padded, at `out + start`.
    static func write(_ value: Int, _ count: Int, to out: UnsafeMutablePointer<UInt8>, at start: Int) {
        var rest = value
        for index in stride(from: start + count - 1, through: start, by: -1) {
            out[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
    }
}
