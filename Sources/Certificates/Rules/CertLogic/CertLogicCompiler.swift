/// Checks the JSON of a CertLogic expression against the specification and compiles it to a `CertLogicNode`.
///
/// Refused: `null`, numbers with a fraction, objects that are not one operation, unknown operators, wrong operand
/// counts, `var` paths with an empty fragment, `plusTime` amounts and units or `extractFromUVCI` indices that are
/// not literals of the right type, a date-time operation where the text of a date belongs, and nesting deeper than
/// `maximumDepth`.
enum CertLogicCompiler {
    /// Deeper expressions are refused: compiling and evaluating recurse once per level, so this bounds the stack
    /// they need. Member states' rules nest at most eight levels.
    static let maximumDepth = 100

    static func compile(_ json: JSONValue, depth: Int = 0) throws(CertLogicError) -> CertLogicNode {
        guard depth < maximumDepth else {
            throw CertLogicError("the expression nests deeper than \(maximumDepth) levels")
        }
        switch json {
        case .bool, .string, .integer:
            return .literal(json)
        case .number(let number):
            guard let integer = json.integerValue else {
                throw CertLogicError("\(number) is not a CertLogic literal: numbers must be 64-bit integers")
            }
            return .literal(.integer(integer))
        case .null:
            throw CertLogicError("null is not a CertLogic expression")
        case .array(let items):
            var nodes: [CertLogicNode] = []
            nodes.reserveCapacity(items.count)
            for item in items { nodes.append(try compile(item, depth: depth + 1)) }
            return folded(nodes)
        case .object(let members):
            guard members.count == 1, let operation = members.first else {
                throw CertLogicError("an expression object must have exactly one key, but it has \(members.count)")
            }
            return try compileOperation(operation.key, operation.value, depth: depth + 1)
        }
    }

    /// One literal when every item is a literal, so an array of constants is not rebuilt at each evaluation.
    private static func folded(_ nodes: [CertLogicNode]) -> CertLogicNode {
        var values: [JSONValue] = []
        values.reserveCapacity(nodes.count)
        for node in nodes {
            guard case .literal(let value) = node else { return .array(nodes) }
            values.append(value)
        }
        return .literal(.array(values))
    }

    private static func compileOperation(
        _ name: String, _ operandsJSON: JSONValue, depth: Int
    ) throws(CertLogicError) -> CertLogicNode {
        if name == "var" { return try compileVar(operandsJSON) }
        guard case .array(let json) = operandsJSON else {
            throw CertLogicError("\(name): the operation is not of the form { \"\(name)\": [ <operands…> ] }")
        }
        let operands = Operands(name: name, json: json, depth: depth)
        switch name {
        case "if":
            try operands.require(3...3)
            return .ifThenElse(try operands.compile(0), then: try operands.compile(1), else: try operands.compile(2))
        case "===":
            try operands.require(2...2)
            return .equal(try operands.compile(0), try operands.compile(1))
        case "in":
            try operands.require(2...2)
            return .isMember(try operands.compile(0), of: try operands.compile(1))
        case "+":
            try operands.require(2...2)
            return .plus(try operands.compile(0), try operands.compile(1))
        case "and":
            try operands.require(2...Int.max)
            return .and(try operands.compileAll())
        case "!":
            try operands.require(1...1)
            return .not(try operands.compile(0))
        case "reduce":
            try operands.require(3...3)
            return .reduce(try operands.compile(0), lambda: try operands.compile(1), initial: try operands.compile(2))
        case "plusTime":
            try operands.require(3...3)
            return .plusTime(
                try operands.dateText(0), amount: try operands.integer(1, "amount"), unit: try operands.unit(2))
        case "extractFromUVCI":
            try operands.require(2...2)
            return .extractFromUVCI(try operands.compile(0), index: try operands.integer(1, "index"))
        case "dccDateOfBirth":
            try operands.require(1...1)
            return .dccDateOfBirth(try operands.dateText(0))
        default:
            guard let comparison = CertLogicComparison(rawValue: name) else {
                throw CertLogicError("unrecognised operator \"\(name)\"")
            }
            try operands.require(2...3)
            let first = try operands.compile(0)
            let second = try operands.compile(1)
            return .compare(comparison, first, second, try json.count == 3 ? operands.compile(2) : nil)
        }
    }

    private static func compileVar(_ json: JSONValue) throws(CertLogicError) -> CertLogicNode {
        guard case .string(let text) = json else {
            throw CertLogicError("var: not of the form { \"var\": \"<path>\" }, the path is \(json.certLogicKind)")
        }
        guard let path = CertLogicPath(text) else {
            throw CertLogicError("var: the path \"\(text)\" has an empty fragment")
        }
        return .variable(path)
    }

    /// The operands of one operation, checked and compiled with messages naming it.
    private struct Operands {
        let name: String
        let json: [JSONValue]
        let depth: Int

        func require(_ counts: ClosedRange<Int>) throws(CertLogicError) {
            guard !counts.contains(json.count) else { return }
            let expected =
                counts.upperBound == Int.max
                ? "at least \(counts.lowerBound)"
                : counts.count == 1 ? "exactly \(counts.lowerBound)" : "\(counts.lowerBound) to \(counts.upperBound)"
            throw CertLogicError("\(name): needs \(expected) operands, but has \(json.count)")
        }

        func compile(_ position: Int) throws(CertLogicError) -> CertLogicNode {
            try CertLogicCompiler.compile(json[position], depth: depth)
        }

        func compileAll() throws(CertLogicError) -> [CertLogicNode] {
            var nodes: [CertLogicNode] = []
            for position in json.indices { nodes.append(try compile(position)) }
            return nodes
        }

        /// The operand at `position`, which must give the text of a date: a `plusTime` or `dccDateOfBirth` there
        /// gives a date-time instead, and the specification calls such expressions invalid.
        func dateText(_ position: Int) throws(CertLogicError) -> CertLogicNode {
            let node = try compile(position)
            switch node {
            case .plusTime, .dccDateOfBirth:
                throw CertLogicError("\(name): operand \(position + 1) must give a date as a string, not a date-time")
            default:
                return node
            }
        }

        /// The integer literal the operation needs at `position`.
        func integer(_ position: Int, _ role: String) throws(CertLogicError) -> Int64 {
            guard let integer = json[position].integerValue else {
                throw CertLogicError(
                    "\(name): the \(role) (operand \(position + 1)) must be an integer literal, but is "
                        + json[position].certLogicKind)
            }
            return integer
        }

        func unit(_ position: Int) throws(CertLogicError) -> CertLogicTimeUnit {
            guard case .string(let text) = json[position], let unit = CertLogicTimeUnit(rawValue: text) else {
                throw CertLogicError(
                    "\(name): the unit (operand \(position + 1)) must be one of year, month, day, hour")
            }
            return unit
        }
    }
}
