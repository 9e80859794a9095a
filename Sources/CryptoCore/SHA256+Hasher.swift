internal import COpenSSL

extension SHA256 {
    /// SHA-256 of bytes given in parts, for data too large to hold at once (a database file).
    public final class Hasher {
        private let context: OpaquePointer

        public init() {
            // Fails only when OpenSSL cannot allocate a digest context: the process is out of memory.
            guard let context = EVP_MD_CTX_new(),
                EVP_DigestInit_ex(context, MessageDigestAlgorithm.sha256.pointer, nil) == 1
            else {
                preconditionFailure(OpenSSLErrorQueue.describe("EVP_DigestInit_ex(SHA-256)"))
            }
            self.context = context
        }

        deinit { EVP_MD_CTX_free(context) }

        /// Adds the next part.
        public func update(_ bytes: UnsafeRawBufferPointer) {
            guard EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1 else {
                preconditionFailure(OpenSSLErrorQueue.describe("EVP_DigestUpdate(SHA-256)"))
            }
        }

        /// The 32-byte digest of every part given; the hasher is spent.
        public func finalize() -> [UInt8] {
            [UInt8](unsafeUninitializedCapacity: byteCount) { buffer, initialized in
                var length: UInt32 = 0
                guard EVP_DigestFinal_ex(context, buffer.baseAddress, &length) == 1, length == UInt32(byteCount) else {
                    preconditionFailure(OpenSSLErrorQueue.describe("EVP_DigestFinal_ex(SHA-256)"))
                }
                initialized = byteCount
            }
        }
    }
}
