/// A checked CertLogic expression: one case per operation, with its operands compiled.
///
/// Operands the specification requires to be literals (`plusTime`'s amount and unit, `extractFromUVCI`'s index)
/// are read when compiling, and arrays of literals are folded into one literal.
indirect enum CertLogicNode: Sendable {
    case literal(JSONValue)
    /// An array with an operation among its items, evaluated item by item.
    case array([CertLogicNode])
    case variable(CertLogicPath)
    /// A guard neither truthy nor falsy is an error, as `and` and `!` make it and as the reference evaluators do.
    case ifThenElse(CertLogicNode, then: CertLogicNode, else: CertLogicNode)
    case equal(CertLogicNode, CertLogicNode)
    case and([CertLogicNode])
    case not(CertLogicNode)
    /// A comparison of two operands, or the ternary form: `first op second` and `second op third`.
    case compare(CertLogicComparison, CertLogicNode, CertLogicNode, CertLogicNode?)
    case isMember(CertLogicNode, of: CertLogicNode)
    case plus(CertLogicNode, CertLogicNode)
    case reduce(CertLogicNode, lambda: CertLogicNode, initial: CertLogicNode)
    case plusTime(CertLogicNode, amount: Int64, unit: CertLogicTimeUnit)
    case extractFromUVCI(CertLogicNode, index: Int64)
    case dccDateOfBirth(CertLogicNode)
}

/// The comparison operations: four on integers and their date-time counterparts, named by their operator.
enum CertLogicComparison: String, Sendable {
    case less = "<"
    case greater = ">"
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case before
    case after
    case notAfter = "not-after"
    case notBefore = "not-before"

    /// Whether the operands must be date-times rather than integers.
    var comparesDateTimes: Bool {
        switch self {
        case .less, .greater, .lessOrEqual, .greaterOrEqual: false
        case .before, .after, .notAfter, .notBefore: true
        }
    }

    func holds<Operand: Comparable>(_ left: Operand, _ right: Operand) -> Bool {
        switch self {
        case .less, .before: left < right
        case .greater, .after: left > right
        case .lessOrEqual, .notAfter: left <= right
        case .greaterOrEqual, .notBefore: left >= right
        }
    }
}

/// The units `plusTime` adds.
enum CertLogicTimeUnit: String, Sendable {
    case year
    case month
    case day
    case hour
}
