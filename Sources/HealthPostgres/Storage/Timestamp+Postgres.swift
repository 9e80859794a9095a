public import HealthServices
import NIOCore
public import PostgresNIO

/// Seconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch for `timestamptz` and `date`.
private let postgresEpochSeconds: Int64 = 946_684_800

/// A `timestamptz` in binary: microseconds since 2000-01-01 UTC. The services keep whole seconds.
extension Timestamp: PostgresNonThrowingEncodable, PostgresDecodable {
    public static var psqlType: PostgresDataType { .timestamptz }
    public static var psqlFormat: PostgresFormat { .binary }

    public func encode<JSONEncoder: PostgresJSONEncoder>(
        into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        byteBuffer.writeInteger((secondsSinceEpoch - postgresEpochSeconds) * 1_000_000)
    }

    public init<JSONDecoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
        context: PostgresDecodingContext<JSONDecoder>
    ) throws {
        guard type == .timestamptz || type == .timestamp, format == .binary, buffer.readableBytes == 8,
            let microseconds = buffer.readInteger(as: Int64.self)
        else { throw PostgresDecodingError.Code.typeMismatch }
        self.init(secondsSinceEpoch: microseconds.floorDivided(by: 1_000_000) + postgresEpochSeconds)
    }
}

/// A `date` in binary: days since 2000-01-01.
extension CalendarDate: PostgresNonThrowingEncodable, PostgresDecodable {
    public static var psqlType: PostgresDataType { .date }
    public static var psqlFormat: PostgresFormat { .binary }

    public func encode<JSONEncoder: PostgresJSONEncoder>(
        into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        byteBuffer.writeInteger(Int32(truncatingIfNeeded: daysSinceEpoch - postgresEpochSeconds / 86_400))
    }

    public init<JSONDecoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
        context: PostgresDecodingContext<JSONDecoder>
    ) throws {
        guard type == .date, format == .binary, buffer.readableBytes == 4, let days = buffer.readInteger(as: Int32.self)
        else { throw PostgresDecodingError.Code.typeMismatch }
        self.init(daysSinceEpoch: Int64(days) + postgresEpochSeconds / 86_400)
    }
}
