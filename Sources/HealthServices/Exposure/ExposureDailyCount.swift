/// One day's activity of the key server, for `healthctl exposure stats`.
public struct ExposureDailyCount: Sendable, Hashable {
    public let day: String

    package init(day: String) {
        self.day = day
    }
    public var codesIssued = 0
    public var codesUsed = 0
    public var publishes = 0
    public var keysPublished = 0
    public var batchesWritten = 0
}
