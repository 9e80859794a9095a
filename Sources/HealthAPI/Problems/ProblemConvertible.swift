/// An error of a layer below HTTP with exactly one way of reaching a client: the problem document it becomes.
///
/// ``ProblemMiddleware`` is the one place that turns these into responses; handlers throw the domain's own
/// errors and never map them by hand.
protocol ProblemConvertible: Error {
    var problem: APIError { get }
}
