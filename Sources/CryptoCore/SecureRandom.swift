internal import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's default DRBG.
public enum SecureRandom {
    /// Returns `count` random bytes.
    public static func bytes(count: Int) -> [UInt8] {
        precondition(count >= 0, "SecureRandom.bytes(count:) needs a non-negative count")
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    /// Overwrites every byte of `buffer` with random bytes.
    ///
    /// A DRBG failure means the system cannot produce randomness at all, so it stops the process.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard var next = buffer.baseAddress else { return }
        var remaining = buffer.count
        while remaining > 0 {
            let chunk = min(remaining, Int(Int32.max))
            guard RAND_bytes(next.assumingMemoryBound(to: UInt8.self), Int32(chunk)) == 1 else {
                preconditionFailure(OpenSSLErrorQueue.describe("RAND_bytes"))
            }
            next += chunk
            remaining -= chunk
        }
    }
}
