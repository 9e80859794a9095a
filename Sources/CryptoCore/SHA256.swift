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

    /// Writes the digest of `data` into the first 32 bytes of `digest`; lets hot paths hash without allocating.
    static func hash(_ data: UnsafeRawBufferPointer, into digest: UnsafeMutableRawBufferPointer) {
        precondition(digest.count >= byteCount, "a SHA-256 digest needs 32 bytes")
        let input = data.baseAddress?.assumingMemoryBound(to: UInt8.self)
        let output = digest.baseAddress!.assumingMemoryBound(to: UInt8.self)
        // Fails only when OpenSSL cannot allocate or find SHA-256 at all: a broken installation.
        guard COpenSSL.SHA256(input, data.count, output) != nil else {
            preconditionFailure(OpenSSLErrorQueue.describe("SHA256"))
        }
    }
}
