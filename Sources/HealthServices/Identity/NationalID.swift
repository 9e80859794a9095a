/// A Bahraini personal number (CPR): exactly nine decimal digits.
///
/// The digits are personal data: `description` hides them so the value never lands in a log by accident.
public struct NationalID: Hashable, Sendable, CustomStringConvertible {
    /// The nine digits, for storage and for the person's own records.
    public let digits: String

    /// Accepts exactly nine ASCII digits, nothing around them.
    public init?(_ text: String) {
        guard text.utf8.count == 9, text.isASCIIDigits else { return nil }
        digits = text
    }

    /// Parses a request's `nationalId`, refusing anything else with `invalid-national-id`.
    static func checked(_ text: String) throws(ServiceError) -> NationalID {
        guard let nationalID = NationalID(text) else {
            throw ServiceError(.invalidNationalID, "nationalId must be a 9-digit CPR number.")
        }
        return nationalID
    }

    public var description: String { "NationalID(redacted)" }
}
