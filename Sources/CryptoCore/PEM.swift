internal import COpenSSL

/// PEM armour (RFC 7468), read and written by OpenSSL's generic PEM codec.
enum PEM {
    /// One `-----BEGIN label-----` ... `-----END label-----` block and its decoded bytes.
    struct Block {
        let label: String
        let bytes: [UInt8]
    }

    /// Every PEM block in `text`, in order; text between blocks is ignored. Encrypted blocks are rejected.
    static func blocks(in text: String, code: CryptoError.Code) throws -> [Block] {
        try MemoryBIO.reading(Array(text.utf8)) { bio in
            var blocks: [Block] = []
            while let block = try nextBlock(from: bio, code: code) {
                blocks.append(block)
            }
            return blocks
        }
    }

    /// The single block in `text` whose label is one of `labels`; anything else is an error with `code`.
    static func block(in text: String, labels: Set<String>, code: CryptoError.Code) throws -> Block {
        let found = try blocks(in: text, code: code)
        guard found.count == 1, let block = found.first else {
            throw CryptoError(code, "expected one PEM block labelled \(labels.sorted()), found \(found.count)")
        }
        guard labels.contains(block.label) else {
            throw CryptoError(code, "PEM block labelled '\(block.label)', expected one of \(labels.sorted())")
        }
        return block
    }

    /// `bytes` armoured under `label`, base64 in 64-character lines ending in LF.
    static func encode(_ bytes: [UInt8], label: String) -> String {
        do {
            let text = try MemoryBIO.collect("PEM_write_bio") { bio in
                PEM_write_bio(bio, label, "", bytes, bytes.count) > 0
            }
            return String(decoding: text, as: UTF8.self)
        } catch {
            // Writing to a memory BIO fails only when memory is exhausted.
            preconditionFailure("PEM encoding failed: \(error)")
        }
    }

    /// The next block from `bio`, or nil at the end of the input.
    private static func nextBlock(from bio: OpaquePointer, code: CryptoError.Code) throws -> Block? {
        var name: UnsafeMutablePointer<CChar>?
        var header: UnsafeMutablePointer<CChar>?
        var data: UnsafeMutablePointer<UInt8>?
        var length = 0
        guard PEM_read_bio(bio, &name, &header, &data, &length) == 1 else {
            let error = ERR_peek_last_error()
            if ERR_GET_LIB(error) == ERR_LIB_PEM, ERR_GET_REASON(error) == PEM_R_NO_START_LINE {
                // No further "-----BEGIN" line: the normal end of the input.
                OpenSSLErrorQueue.clear()
                return nil
            }
            throw CryptoError.openSSL(code, "PEM_read_bio")
        }
        defer {
            copenssl_free(name)
            copenssl_free(header)
            copenssl_free(data)
        }
        guard let name, let header, let data else {
            throw CryptoError(.internalFailure, "PEM_read_bio returned no block")
        }
        // RFC 1421 headers (Proc-Type, DEK-Info) only appear on encrypted blocks, which we never accept.
        guard header.pointee == 0 else {
            throw CryptoError(code, "encrypted PEM blocks are not supported")
        }
        return Block(label: String(cString: name), bytes: [UInt8](UnsafeBufferPointer(start: data, count: length)))
    }
}
