import Foundation

extension Timestamp {
    /// This instant as a Foundation date, for the certificate library.
    var foundationDate: Date { Date(timeIntervalSince1970: TimeInterval(secondsSinceEpoch)) }
}
