import CompressNIO
import Inflate
import NIOCore

/// zlib (RFC 1950) compression for HC1, and inflation into a fixed-capacity buffer so a zip bomb is an error.
/// Streams and buffers are pooled, so the hot path allocates only its result.
public enum Zlib {
    /// The most bytes an HC1 COSE message may inflate to; a QR code holds at most about 3 KB compressed.
    public static let defaultMaximumOutputSize = 64 * 1024

    static let inflaters = ZlibStreamPool<ExactInflater>()
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
            defer { if level == issuingLevel { deflaters.putBack(deflater) } }
            return try deflater.deflate(bytes)
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
        let reusable = maximumOutputSize == defaultMaximumOutputSize
        let inflater: ExactInflater
        do {
            inflater =
                try (reusable ? inflaters.take() : nil) ?? ExactInflater(.zlib, maximumOutputSize: maximumOutputSize)
        } catch {
            throw CertificateError(.invalidZlib, "cannot start inflating")
        }
        defer { if reusable { inflaters.putBack(inflater) } }
        do throws(ExactInflater.Failure) {
            return try inflater.inflate(bytes)
        } catch .outputTooLarge {
            throw CertificateError(.zipBomb, "inflates to more than \(maximumOutputSize) bytes")
        } catch .truncated {
            throw CertificateError(.invalidZlib, "zlib stream is truncated")
        } catch .trailingBytes(let count) {
            // More than one encoding of one certificate would follow from ignoring these.
            throw CertificateError(.trailingData, "\(count) bytes after the zlib stream")
        } catch .corrupt(let reason) {
            throw CertificateError(.invalidZlib, "inflate failed: \(reason)")
        } catch {
            throw CertificateError(.invalidZlib, "cannot start inflating")
        }
    }
}
