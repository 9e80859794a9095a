internal import COpenSSL

/// HMAC with SHA-256 (RFC 2104, FIPS 198-1).
public enum HMACSHA256 {
    /// The 32-byte authentication code of `message` under `key` (keys of any length, including empty).
    public static func authenticationCode(for message: [UInt8], key: [UInt8]) -> [UInt8] {
        precondition(key.count <= Int(Int32.max), "HMAC key too long")
        // OpenSSL reads a NULL key as "no key set"; an empty key must still point at real memory.
        let keyStorage = key.isEmpty ? [0] : key
        return [UInt8](unsafeUninitializedCapacity: SHA256.byteCount) { output, initialized in
            var length: UInt32 = 0
            let result = keyStorage.withUnsafeBytes { keyBytes in
                message.withUnsafeBytes { messageBytes in
                    HMAC(
                        MessageDigestAlgorithm.sha256.pointer, keyBytes.baseAddress, Int32(key.count),
                        messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBytes.count,
                        output.baseAddress, &length
                    )
                }
            }
            // Fails only when OpenSSL cannot allocate or find SHA-256 at all: a broken installation.
            guard result != nil, length == UInt32(SHA256.byteCount) else {
                preconditionFailure(OpenSSLErrorQueue.describe("HMAC-SHA256"))
            }
            initialized = SHA256.byteCount
        }
    }
}
