internal import COpenSSL

/// SHA-256 (FIPS 180-4).
public enum SHA256 {
    /// Length of a digest in bytes.
    public static let byteCount = 32

    /// The 32-byte digest of `data`.
    public static func hash(_ data: [UInt8]) -> [UInt8] {
        data.withUnsafeBytes { hash($0) }
    }

    /// The 32-byte digest of the bytes in `data`.
    public static func hash(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: byteCount) { buffer, initialized in
            hash(data, into: UnsafeMutableRawBufferPointer(buffer))
            initialized = byteCount
        }
    }

    /// Writes the digest of `data` into the first 32 bytes of `digest`, so callers can hash into memory they own.
    static func hash(_ data: UnsafeRawBufferPointer, into digest: UnsafeMutableRawBufferPointer) {
        precondition(digest.count >= byteCount, "a SHA-256 digest needs 32 bytes")
        var length: UInt32 = 0
        // Fails only when OpenSSL cannot allocate a digest context: the process is out of memory.
        guard
            EVP_Digest(
                data.baseAddress, data.count, digest.baseAddress!.assumingMemoryBound(to: UInt8.self), &length,
                MessageDigestAlgorithm.sha256.pointer, nil) == 1, length == UInt32(byteCount)
        else {
            preconditionFailure(OpenSSLErrorQueue.describe("EVP_Digest(SHA-256)"))
        }
    }
}
