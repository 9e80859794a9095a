/// A CertLogic expression, checked once and kept in a compiled form so a rule evaluated for every scanned
/// certificate does not re-read its JSON.
///
/// CertLogic 1.3.3 is the restricted JsonLogic of the EU DCC business rules. An expression that does not follow the
/// specification is refused when made; evaluating a valid expression throws only when an operand has the wrong
/// type for its operation (a date-time operand that is not a date-time string, `in` on something not an array,
/// a guard that is neither truthy nor falsy, …).
public struct CertLogicExpression: Sendable {
    /// The expression as given.
    public let json: JSONValue
    let root: CertLogicNode

    /// Refuses `json` unless it is valid CertLogic.
    public init(_ json: JSONValue) throws(CertLogicError) {
        self.json = json
        root = try CertLogicCompiler.compile(json)
    }

    /// The value of the expression with `data` as the data context.
    ///
    /// A date-time result (of `plusTime` or `dccDateOfBirth`, which other operations normally consume) is given as
    /// its ISO 8601 text in UTC with milliseconds, as JavaScript's `Date.toISOString` writes it.
    public func evaluate(_ data: JSONValue) throws(CertLogicError) -> JSONValue {
        try root.evaluate(in: .data(data)).json
    }
}
