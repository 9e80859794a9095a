import CompressNIO
import NIOCore

/// zlib (RFC 1950) compression for HC1, and inflation into a fixed-capacity buffer so a zip bomb is an error.
public enum Zlib {
    /// The most bytes an HC1 COSE message may inflate to; a QR code holds at most about 3 KB compressed.
    public static let defaultMaximumOutputSize = 64 * 1024

    public static func compress(_ bytes: [UInt8]) throws(CertificateError) -> [UInt8] {
        do {
            var input = ByteBuffer(bytes: bytes)
            let configuration = ZlibConfiguration(windowSize: 12, compressionLevel: 9, memoryLevel: 5)
            let compressed = try input.compress(with: .zlib(configuration: configuration))
            return Array(compressed.readableBytesView)
        } catch {
            throw CertificateError(.invalidZlib, "deflate failed: \(error)")
        }
    }

    /// Inflates a complete zlib stream; more than `maximumOutputSize` bytes of output is a zip bomb.
    public static func decompress(
        _ bytes: [UInt8],
        maximumOutputSize: Int = defaultMaximumOutputSize
    ) throws(CertificateError) -> [UInt8] {
        // A sentinel byte after the input tells a complete stream (inflate stops before it) from a truncated one.
        var input = ByteBufferAllocator().buffer(capacity: bytes.count + 1)
        input.writeBytes(bytes)
        input.writeInteger(UInt8(0))
        var output = ByteBufferAllocator().buffer(capacity: maximumOutputSize + 1)
        do {
            let inflater = try ZlibDecompressor(algorithm: .zlib)
            try inflater.inflate(from: &input, to: &output)
        } catch let error as CompressNIOError where error == .bufferOverflow {
            throw CertificateError(.zipBomb, "inflates to more than \(maximumOutputSize) bytes")
        } catch {
            throw CertificateError(.invalidZlib, "inflate failed: \(error)")
        }
        guard output.readableBytes <= maximumOutputSize else {
            throw CertificateError(.zipBomb, "inflates to more than \(maximumOutputSize) bytes")
        }
        guard input.readableBytes >= 1 else {
            throw CertificateError(.invalidZlib, "zlib stream is truncated")
        }
        return Array(output.readableBytesView)
    }
}
