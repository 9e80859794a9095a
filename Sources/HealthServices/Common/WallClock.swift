import Foundation

/// Where the services read the current time; tests give a fixed or movable one.
public struct WallClock: Sendable {
    private let read: @Sendable () -> Timestamp

    public init(_ read: @escaping @Sendable () -> Timestamp) {
        self.read = read
    }

    /// The system clock, to the second.
    public static let system = WallClock {
        Timestamp(Date())
    }

    public func now() -> Timestamp { read() }
}
