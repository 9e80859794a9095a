import CompressNIO
import Inflate
import NIOCore

/// The raw DEFLATE (RFC 1951, no zlib header) a card's JWS payload is compressed with (`zip: DEF`). Streams are
/// pooled as HC1's zlib streams are.
enum HealthCardDeflate {
    /// The most bytes a card's payload may inflate to: a card fits a few QR codes, so this is generous.
    static let maximumOutputSize = 64 * 1024
    /// Cards are JSON, which compresses to about a third; every byte saved is a smaller QR code, so the best level.
    /// Level 1 would issue about 20 % more cards a second (26.5k against 22k on one core) for 3 % more QR data.
    static let level: Int32 = 9

    private static let inflaters = ZlibStreamPool<ExactInflater>()
    private static let deflaters = ZlibStreamPool<ZlibDeflater>()

    static func compress(_ bytes: [UInt8]) throws(CertificateError) -> [UInt8] {
        do {
            let deflater = try deflaters.take() ?? ZlibDeflater(.deflate, level: level)
            defer { deflaters.putBack(deflater) }
            return try deflater.deflate(bytes)
        } catch {
            throw CertificateError(.invalidDeflate, "deflate failed: \(error)")
        }
    }

    /// Inflates exactly one raw DEFLATE stream: more than ``maximumOutputSize`` bytes is `zip-bomb`, a truncated,
    /// corrupt or over-long stream `invalid-deflate`.
    static func decompress(_ bytes: [UInt8]) throws(CertificateError) -> [UInt8] {
        let inflater: ExactInflater
        do {
            inflater = try inflaters.take() ?? ExactInflater(.raw, maximumOutputSize: maximumOutputSize)
        } catch {
            throw CertificateError(.invalidDeflate, "cannot start inflating")
        }
        defer { inflaters.putBack(inflater) }
        do throws(ExactInflater.Failure) {
            return try inflater.inflate(bytes)
        } catch .outputTooLarge {
            throw CertificateError(.zipBomb, "inflates to more than \(maximumOutputSize) bytes")
        } catch .trailingBytes(let count) {
            throw CertificateError(.invalidDeflate, "\(count) bytes after the DEFLATE stream")
        } catch {
            throw CertificateError(.invalidDeflate, "not one complete raw DEFLATE stream")
        }
    }
}
