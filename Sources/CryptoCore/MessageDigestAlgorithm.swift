internal import COpenSSL

/// An `EVP_MD` fetched once from the default provider and shared.
///
/// OpenSSL 3 looks an algorithm up on every use of a built-in like `EVP_sha256()`; hashing with a fetched one
/// skips that. `@unchecked Sendable` because a fetched `EVP_MD` is immutable and reference-counted by OpenSSL,
/// made to be shared across threads.
final class MessageDigestAlgorithm: @unchecked Sendable {
    /// SHA-256, for every hash and signature in this module.
    static let sha256 = MessageDigestAlgorithm(name: "SHA2-256")

    let pointer: OpaquePointer

    private init(name: String) {
        // The default provider always has SHA-256; failing to fetch it means a broken OpenSSL installation.
        guard let pointer = EVP_MD_fetch(nil, name, nil) else {
            preconditionFailure(OpenSSLErrorQueue.describe("EVP_MD_fetch(\(name))"))
        }
        self.pointer = pointer
    }

    deinit {
        EVP_MD_free(pointer)
    }
}
