import CompressNIO
import NIOCore
import Synchronization

/// One deflate stream (zlib-framed or raw) with its input and output buffers, reused across calls so deflating a certificate
/// allocates no zlib state. Used by one thread at a time: taken from a pool, used, and put back, which is why it
/// may cross threads (`@unchecked Sendable`).
final class ZlibDeflater: @unchecked Sendable {
    let stream: ZlibCompressor
    let level: Int32
    var input: ByteBuffer
    var output: ByteBuffer

    init(_ algorithm: ZlibAlgorithm = .zlib, level: Int32) throws {
        stream = try ZlibCompressor(
            algorithm: algorithm,
            configuration: ZlibConfiguration(windowSize: 12, compressionLevel: level, memoryLevel: 5))
        self.level = level
        input = ByteBufferAllocator().buffer(capacity: 4096)
        output = ByteBufferAllocator().buffer(capacity: 4096)
    }

    /// `bytes` as one complete stream, the stream reset first.
    func deflate(_ bytes: [UInt8]) throws -> [UInt8] {
        try stream.reset()
        input.clear()
        input.writeBytes(bytes)
        output.clear()
        output.reserveCapacity(stream.maxSize(from: input))
        try stream.deflate(from: &input, to: &output, flush: .finish)
        return Array(output.readableBytesView)
    }
}

/// Idle zlib streams for reuse; at most `capacity` are kept.
final class ZlibStreamPool<Stream: AnyObject & Sendable>: Sendable {
    private let idle = Mutex<[Stream]>([])
    private let capacity = 16

    func take() -> Stream? {
        idle.withLock { $0.popLast() }
    }

    func putBack(_ stream: Stream) {
        idle.withLock { streams in
            if streams.count < capacity { streams.append(stream) }
        }
    }
}
