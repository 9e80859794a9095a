import CompressNIO
import NIOCore

/// Inflates one complete deflate stream, zlib-framed (RFC 1950) or raw (RFC 1951), into a buffer of fixed
/// capacity: more output than allowed is an error, never memory, and a stream that ends exactly where its input
/// ends is told from one cut short or followed by more bytes (so one content has one encoding). Reusable; used by
/// one thread at a time, which is why it may cross threads (`@unchecked Sendable`).
public final class ExactInflater: @unchecked Sendable {
    public enum Framing: Sendable {
        case zlib
        case raw
    }

    public enum Failure: Error, Equatable {
        case cannotStart
        /// More than `maximumOutputSize` bytes.
        case outputTooLarge
        /// The input ends before the stream does.
        case truncated
        /// Bytes follow the end of the stream.
        case trailingBytes(Int)
        /// Not a deflate stream; zlib's reason.
        case corrupt(String)
    }

    public let maximumOutputSize: Int
    private let stream: ZlibDecompressor
    private var input = ByteBufferAllocator().buffer(capacity: 4096)
    private var output: ByteBuffer

    public init(_ framing: Framing, maximumOutputSize: Int) throws(Failure) {
        do {
            stream = try ZlibDecompressor(algorithm: framing == .zlib ? .zlib : .deflate)
        } catch {
            throw .cannotStart
        }
        self.maximumOutputSize = maximumOutputSize
        output = ByteBufferAllocator().buffer(capacity: maximumOutputSize + 1)
    }

    public func inflate(_ bytes: some Sequence<UInt8>) throws(Failure) -> [UInt8] {
        do {
            try stream.reset()
        } catch {
            throw .cannotStart
        }
        // A sentinel byte after the input tells a complete stream (inflate stops before it) from a truncated one.
        input.clear()
        input.writeBytes(bytes)
        input.writeInteger(UInt8(0))
        output.clear()
        do {
            try stream.inflate(from: &input, to: &output)
        } catch let error as CompressNIOError where error == .bufferOverflow {
            throw .outputTooLarge
        } catch {
            throw .corrupt("\(error)")
        }
        guard output.readableBytes <= maximumOutputSize else { throw .outputTooLarge }
        guard input.readableBytes >= 1 else { throw .truncated }
        guard input.readableBytes == 1 else { throw .trailingBytes(input.readableBytes - 1) }
        return Array(output.readableBytesView)
    }
}
