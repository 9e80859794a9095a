/// A Bahraini personal number (CPR): exactly nine decimal digits.
///
/// The digits are personal data: `description` hides them so the value never lands in a log by accident.
public struct NationalID: Hashable, Sendable, CustomStringConvertible {
    /// The nine digits, for storage and for the person's own records.
    public let digits: String

    /// Accepts exactly nine ASCII digits, nothing around them.
    public init?(_ text: String) {
        guard text.utf8.count == 9, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else {
            return nil
        }
        digits = text
    }

    public var description: String { "NationalID(redacted)" }
}
