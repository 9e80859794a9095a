import NIOCore
public import PostgresNIO

/// Bytes stored as `bytea`: a plain `[UInt8]` would bind as a `"char"[]` array.
public struct Bytea: PostgresNonThrowingEncodable, PostgresDecodable, Sendable {
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public static var psqlType: PostgresDataType { .bytea }
    public static var psqlFormat: PostgresFormat { .binary }

    public func encode<JSONEncoder: PostgresJSONEncoder>(
        into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        byteBuffer.writeBytes(bytes)
    }

    public init<JSONDecoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
        context: PostgresDecodingContext<JSONDecoder>
    ) throws {
        guard type == .bytea, format == .binary else { throw PostgresDecodingError.Code.typeMismatch }
        bytes = Array(buffer.readableBytesView)
    }
}
