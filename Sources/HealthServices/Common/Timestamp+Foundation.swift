public import Foundation

extension Timestamp {
    /// This instant as a Foundation date, for the certificate library.
    public var foundationDate: Date { Date(timeIntervalSince1970: TimeInterval(secondsSinceEpoch)) }

    /// A Foundation date, to the second (rounded down).
    public init(_ date: Date) {
        self.init(secondsSinceEpoch: Int64(date.timeIntervalSince1970.rounded(.down)))
    }
}
