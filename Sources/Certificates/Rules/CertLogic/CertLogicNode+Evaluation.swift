extension CertLogicNode {
    /// The value of this expression in `scope`. Operands are evaluated in order, those of `if` and `and` only as far
    /// as needed; an operand of the wrong type is an error naming the operation.
    func evaluate(in scope: CertLogicScope) throws(CertLogicError) -> CertLogicValue {
        switch self {
        case .literal(let value):
            return .json(value)
        case .array(let nodes):
            var items: [CertLogicValue] = []
            items.reserveCapacity(nodes.count)
            for node in nodes { items.append(try node.evaluate(in: scope)) }
            return .array(of: items)
        case .variable(let path):
            return scope.value(at: path)
        case .ifThenElse(let condition, let then, let otherwise):
            // The specification takes the else branch for any guard that is not truthy, one neither truthy nor falsy
            // (a date-time) included, unlike `and` and `!`; the verifier page's evaluator does the same.
            let guarded = try condition.evaluate(in: scope).truthiness == true
            return try (guarded ? then : otherwise).evaluate(in: scope)
        case .equal(let left, let right):
            let leftValue = try left.evaluate(in: scope)
            return .json(.bool(leftValue.isCertLogicEqual(to: try right.evaluate(in: scope))))
        case .and(let operands):
            return try Self.and(operands, in: scope)
        case .not(let operand):
            return .json(.bool(!(try operand.truthiness("!", in: scope))))
        case .compare(let comparison, let first, let second, let third):
            return .json(.bool(try comparison.evaluate(first, second, third, in: scope)))
        case .isMember(let item, let array):
            let itemValue = try item.evaluate(in: scope)
            return .json(.bool(try Self.isMember(itemValue, of: try array.evaluate(in: scope))))
        case .plus(let left, let right):
            return .json(.integer(try Self.plus(try left.evaluate(in: scope), try right.evaluate(in: scope))))
        case .reduce(let operand, let lambda, let initial):
            return try Self.reduce(operand, lambda: lambda, initial: initial, in: scope)
        case .plusTime(let operand, let amount, let unit):
            return .dateTime(try Self.plusTime(try operand.evaluate(in: scope), amount, unit))
        case .extractFromUVCI(let operand, let index):
            return .json(try Self.extractFromUVCI(try operand.evaluate(in: scope), index))
        case .dccDateOfBirth(let operand):
            return .dateTime(try Self.dccDateOfBirth(try operand.evaluate(in: scope)))
        }
    }

    /// Whether this operand of `operation` is truthy; an error when it is neither truthy nor falsy.
    func truthiness(_ operation: String, in scope: CertLogicScope) throws(CertLogicError) -> Bool {
        let value = try evaluate(in: scope)
        guard let truthiness = value.truthiness else {
            throw CertLogicError("\(operation): the operand is \(value.kind), which is neither truthy nor falsy")
        }
        return truthiness
    }

    /// The first falsy operand, or the last operand when all are truthy; every operand evaluated must be truthy
    /// or falsy, the last one too.
    private static func and(_ operands: [CertLogicNode], in scope: CertLogicScope) throws(CertLogicError)
        -> CertLogicValue
    {
        var value = CertLogicValue.null
        for (position, operand) in operands.enumerated() {
            value = try operand.evaluate(in: scope)
            guard let truthiness = value.truthiness else {
                throw CertLogicError(
                    "and: operand \(position + 1) is \(value.kind), which is neither truthy nor falsy")
            }
            if !truthiness { return value }
        }
        return value
    }

    /// `in`: whether an item of `array` is `===` to `item`.
    private static func isMember(_ item: CertLogicValue, of array: CertLogicValue) throws(CertLogicError) -> Bool {
        switch array {
        case .json(.array(let elements)):
            // A value that is not JSON is equal to no JSON value.
            guard case .json(let itemJSON) = item else { return false }
            // The common case, a code looked up in a value set of a few hundred, without the general comparison.
            if case .string(let text) = itemJSON {
                return elements.contains {
                    guard case .string(let element) = $0 else { return false }
                    return element.hasSameScalars(as: text)
                }
            }
            return elements.contains { itemJSON.isCertLogicEqual(to: $0) }
        case .array(let items):
            return items.contains { item.isCertLogicEqual(to: $0) }
        default:
            throw CertLogicError("in: the right operand must be an array, but it is \(array.kind)")
        }
    }

    private static func plus(_ left: CertLogicValue, _ right: CertLogicValue) throws(CertLogicError) -> Int64 {
        guard let leftInteger = left.integerValue, let rightInteger = right.integerValue else {
            throw CertLogicError("+: both operands must be integers, but they are \(left.kind) and \(right.kind)")
        }
        let (sum, overflow) = leftInteger.addingReportingOverflow(rightInteger)
        guard !overflow else {
            throw CertLogicError("+: \(leftInteger) + \(rightInteger) is beyond the 64-bit integer range")
        }
        return sum
    }

    /// A left fold over the operand, starting from `initial`, evaluating `lambda` with the context
    /// `{"accumulator": …, "current": …}`; `null` gives `initial`.
    private static func reduce(
        _ operand: CertLogicNode, lambda: CertLogicNode, initial: CertLogicNode, in scope: CertLogicScope
    ) throws(CertLogicError) -> CertLogicValue {
        let operandValue = try operand.evaluate(in: scope)
        switch operandValue {
        case .json(.null):
            return try initial.evaluate(in: scope)
        case .json(.array(let elements)):
            return try fold(elements.lazy.map(CertLogicValue.json), lambda, try initial.evaluate(in: scope))
        case .array(let items):
            return try fold(items, lambda, try initial.evaluate(in: scope))
        default:
            throw CertLogicError("reduce: the operand must be an array or null, but it is \(operandValue.kind)")
        }
    }

    private static func fold<Items: Sequence<CertLogicValue>>(
        _ items: Items, _ lambda: CertLogicNode, _ initial: CertLogicValue
    ) throws(CertLogicError) -> CertLogicValue {
        var accumulator = initial
        for item in items {
            accumulator = try lambda.evaluate(in: .reduction(current: item, accumulator: accumulator))
        }
        return accumulator
    }
}

extension CertLogicComparison {
    /// `first op second`, and `second op third` in the ternary form; all operands are evaluated, then checked to
    /// be integers (or date-times for the date-time comparisons).
    func evaluate(
        _ first: CertLogicNode, _ second: CertLogicNode, _ third: CertLogicNode?, in scope: CertLogicScope
    ) throws(CertLogicError) -> Bool {
        let firstValue = try first.evaluate(in: scope)
        let secondValue = try second.evaluate(in: scope)
        let thirdValue = try third?.evaluate(in: scope)
        if comparesDateTimes {
            return holds(
                try operand(firstValue, 1, "a date-time", \.dateTimeValue),
                try operand(secondValue, 2, "a date-time", \.dateTimeValue),
                try thirdValue.map { value throws(CertLogicError) in
                    try operand(value, 3, "a date-time", \.dateTimeValue)
                })
        }
        return holds(
            try operand(firstValue, 1, "an integer", \.integerValue),
            try operand(secondValue, 2, "an integer", \.integerValue),
            try thirdValue.map { value throws(CertLogicError) in try operand(value, 3, "an integer", \.integerValue) })
    }

    private func holds<Operand: Comparable>(_ first: Operand, _ second: Operand, _ third: Operand?) -> Bool {
        holds(first, second) && (third.map { holds(second, $0) } ?? true)
    }

    private func operand<Operand>(
        _ value: CertLogicValue, _ position: Int, _ expected: String, _ extract: (CertLogicValue) -> Operand?
    ) throws(CertLogicError) -> Operand {
        guard let operand = extract(value) else {
            throw CertLogicError("\(rawValue): operand \(position) must be \(expected), but it is \(value.kind)")
        }
        return operand
    }
}
