internal import COpenSSL

extension CryptoError {
    /// An error for `operation` carrying OpenSSL's queued messages; drains the calling thread's error queue.
    ///
    /// Call it right after the failing OpenSSL call, on the same thread, so the queue holds that call's errors.
    static func openSSL(_ code: Code, _ operation: String) -> CryptoError {
        CryptoError(code, OpenSSLErrorQueue.describe(operation))
    }
}

/// OpenSSL's per-thread error queue.
enum OpenSSLErrorQueue {
    /// `operation` followed by every queued OpenSSL message, oldest first; leaves the queue empty.
    static func describe(_ operation: String) -> String {
        var messages: [String] = []
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 256) { buffer in
            while case let error = ERR_get_error(), error != 0 {
                ERR_error_string_n(error, buffer.baseAddress, buffer.count)
                messages.append(String(cString: buffer.baseAddress!))
            }
        }
        return messages.isEmpty ? operation : "\(operation): \(messages.joined(separator: "; "))"
    }

    /// Forgets queued errors after a failure that is reported as a plain `false`, such as a bad signature.
    static func clear() {
        ERR_clear_error()
    }
}

/// Lengths for OpenSSL calls that take an `int`.
enum OpenSSLLength {
    /// `count` as an `Int32`, or an `.invalidInput` error naming `what` when it does not fit.
    static func int32(_ count: Int, of what: String) throws -> Int32 {
        guard let length = Int32(exactly: count) else {
            throw CryptoError(.invalidInput, "\(what) is too long (\(count) bytes)")
        }
        return length
    }
}
