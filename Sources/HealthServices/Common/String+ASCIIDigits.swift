extension StringProtocol {
    /// Whether every character is an ASCII digit, `0` to `9` (true for empty text: callers check the length).
    var isASCIIDigits: Bool { utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }
}
