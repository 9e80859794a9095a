/// What `var` reads: the data the evaluation started with or, in a `reduce` lambda, the context
/// `{"accumulator": …, "current": …}`, which may hold date-times and so is not made into JSON unless read whole.
enum CertLogicScope {
    case data(JSONValue)
    case reduction(current: CertLogicValue, accumulator: CertLogicValue)

    func value(at path: CertLogicPath) -> CertLogicValue {
        switch self {
        case .data(let data):
            return .json(data.certLogicValue(at: path))
        case .reduction(let current, let accumulator):
            guard let first = path.fragments.first else {
                return .object(of: [("accumulator", accumulator), ("current", current)])
            }
            var value = CertLogicValue.null
            if first.name.hasSameScalars(as: "current") {
                value = current
            } else if first.name.hasSameScalars(as: "accumulator") {
                value = accumulator
            }
            for fragment in path.fragments.dropFirst() { value = value.member(fragment) }
            return value
        }
    }
}
