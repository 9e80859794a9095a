/// How many rows a list gives (slots, appointments, operators' lists): a default, and the most a caller may ask for. A limit outside it is
/// refused (`invalid-limit`) rather than shortened to a list that looks whole; a list as long as its limit may have
/// more behind it, which callers say (``isReached(by:)``).
public struct ListLimit: Sendable, Hashable {
    public let defaultCount: Int
    public let maximum: Int

    /// `limit` when given and within 1 to ``maximum``, else the default; refused outside the range.
    public func checked(_ limit: Int?) throws(ServiceError) -> Int {
        guard let limit else { return defaultCount }
        guard (1...maximum).contains(limit) else {
            throw ServiceError(.invalidLimit, "limit must be between 1 and \(maximum).")
        }
        return limit
    }

    /// `limit` read from query text (see ``checked(_:)``); text that is not a number is refused alike.
    public func checked(text: String?) throws(ServiceError) -> Int {
        guard let text else { return defaultCount }
        guard let limit = Int(text) else {
            throw ServiceError(.invalidLimit, "limit must be between 1 and \(maximum).")
        }
        return try checked(limit)
    }

    /// Whether a list of `count` rows may have been cut at `limit`.
    public static func isReached(by count: Int, limit: Int) -> Bool { count >= limit }
}
