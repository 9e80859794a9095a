internal import COpenSSL

/// OpenSSL memory BIOs: the way bytes go into and out of OpenSSL's stream-based encoders and printers.
enum MemoryBIO {
    /// Runs `write` against an empty memory BIO and returns everything it wrote.
    ///
    /// `write` returns whether its OpenSSL call succeeded; on failure the error names `operation`.
    static func collect(
        _ operation: String, code: CryptoError.Code = .internalFailure, _ write: (OpaquePointer) -> Bool
    ) throws -> [UInt8] {
        guard let bio = BIO_new(BIO_s_mem()) else {
            throw CryptoError.openSSL(.internalFailure, "BIO_new")
        }
        defer { BIO_free(bio) }
        guard write(bio) else {
            throw CryptoError.openSSL(code, operation)
        }
        var start: UnsafeMutablePointer<CChar>?
        let length = copenssl_bio_get_mem_data(bio, &start)
        guard length >= 0 else {
            throw CryptoError.openSSL(.internalFailure, "BIO_get_mem_data")
        }
        guard let start, length > 0 else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: start, count: length))
    }

    /// Runs `read` against a read-only memory BIO over `bytes`.
    static func reading<Result>(_ bytes: [UInt8], _ read: (OpaquePointer) throws -> Result) throws -> Result {
        let length = try OpenSSLLength.int32(bytes.count, of: "BIO input")
        return try bytes.withUnsafeBytes { buffer in
            // BIO_new_mem_buf needs a real address even for empty input.
            guard let bio = BIO_new_mem_buf(buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), length) else {
                throw CryptoError.openSSL(.internalFailure, "BIO_new_mem_buf")
            }
            defer { BIO_free(bio) }
            return try read(bio)
        }
    }
}
