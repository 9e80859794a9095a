/// Hex fixtures for pinned vectors.
extension Array where Element == UInt8 {
    /// Decodes hex; whitespace is ignored so long vectors can be wrapped. Traps on malformed fixtures.
    init(hex: String) {
        let digits = hex.filter { !$0.isWhitespace }.map { character -> UInt8 in
            guard let value = character.hexDigitValue else { preconditionFailure("bad hex digit \(character)") }
            return UInt8(value)
        }
        precondition(digits.count % 2 == 0, "odd-length hex fixture")
        self = stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }

    /// Lowercase hex, for readable expectation failures.
    var hex: String {
        let digits = [Character]("0123456789abcdef")
        return String(flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] })
    }
}
