import CompressNIO
import NIOCore

/// zlib (RFC 1950) compression for HC1, and inflation into a fixed-capacity buffer so a zip bomb is an error.
/// Streams and buffers are pooled, so the hot path allocates only its result.
public enum Zlib {
    /// The most bytes an HC1 COSE message may inflate to; a QR code holds at most about 3 KB compressed.
    public static let defaultMaximumOutputSize = 64 * 1024

    static let inflaters = ZlibStreamPool<ZlibInflater>()
    static let deflaters = ZlibStreamPool<ZlibDeflater>()

    /// The level HC1 issuing uses: stored deflate blocks. A signed COSE message barely compresses (the conformance
    /// suite's 381-byte messages average 377.8 bytes at level 9, 392 stored) while zlib's Huffman tree building
    /// costs about as much CPU as half an ECDSA signature; stored blocks keep issuing fast for 4% more QR data.
    public static let issuingLevel: Int32 = 0

    /// A zlib stream of `bytes` at compression `level` (0 stored ... 9 best).
    public static func compress(_ bytes: [UInt8], level: Int32 = issuingLevel) throws(CertificateError) -> [UInt8] {
        guard (0...9).contains(level) else { throw CertificateError(.invalidZlib, "compression level \(level)") }
        do {
            let pooled = level == issuingLevel ? deflaters.take() : nil
            let deflater = try pooled ?? ZlibDeflater(level: level)
            try deflater.stream.reset()
            deflater.input.clear()
            deflater.input.writeBytes(bytes)
            deflater.output.clear()
            deflater.output.reserveCapacity(deflater.stream.maxSize(from: deflater.input))
            try deflater.stream.deflate(from: &deflater.input, to: &deflater.output, flush: .finish)
            defer { if level == issuingLevel { deflaters.putBack(deflater) } }
            return Array(deflater.output.readableBytesView)
        } catch {
            throw CertificateError(.invalidZlib, "deflate failed: \(error)")
        }
    }

    /// Inflates exactly one complete zlib stream; more than `maximumOutputSize` bytes of output is a zip bomb, and
    /// bytes after the stream's end are refused.
    public static func decompress(
        _ bytes: [UInt8],
        maximumOutputSize: Int = defaultMaximumOutputSize
    ) throws(CertificateError) -> [UInt8] {
        let pooled = maximumOutputSize == defaultMaximumOutputSize ? inflaters.take() : nil
        let inflater: ZlibInflater
        do {
            inflater = try pooled ?? ZlibInflater(maximumOutputSize: maximumOutputSize)
            try inflater.stream.reset()
        } catch {
            throw CertificateError(.invalidZlib, "cannot start inflating: \(error)")
        }
        defer { if maximumOutputSize == defaultMaximumOutputSize { inflaters.putBack(inflater) } }
        // A sentinel byte after the input tells a complete stream (inflate stops before it) from a truncated one.
        inflater.input.clear()
        inflater.input.writeBytes(bytes)
        inflater.input.writeInteger(UInt8(0))
        inflater.output.clear()
        do {
            try inflater.stream.inflate(from: &inflater.input, to: &inflater.output)
        } catch let error as CompressNIOError where error == .bufferOverflow {
            throw CertificateError(.zipBomb, "inflates to more than \(maximumOutputSize) bytes")
        } catch {
            throw CertificateError(.invalidZlib, "inflate failed: \(error)")
        }
        guard inflater.output.readableBytes <= maximumOutputSize else {
            throw CertificateError(.zipBomb, "inflates to more than \(maximumOutputSize) bytes")
        }
        guard inflater.input.readableBytes >= 1 else {
            throw CertificateError(.invalidZlib, "zlib stream is truncated")
        }
        // Only the sentinel may be left: anything more is data after the end of the stream, which would let one
        // certificate have many encodings.
        guard inflater.input.readableBytes == 1 else {
            throw CertificateError(.trailingData, "\(inflater.input.readableBytes - 1) bytes after the zlib stream")
        }
        return Array(inflater.output.readableBytesView)
    }
}
