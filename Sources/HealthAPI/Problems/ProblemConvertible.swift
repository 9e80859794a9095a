/// An error of a layer below HTTP with exactly one way of reaching a client: the problem document it becomes.
///
/// ``ProblemMiddleware`` is the one place that turns these into responses; handlers throw the domain's own
/// errors and never map them by hand.
protocol ProblemConvertible: Error {
    /// The status, code and message the client is answered with: decided by the error's own type, so one error
    /// reads the same on every route.
    var problem: APIError { get }
}
