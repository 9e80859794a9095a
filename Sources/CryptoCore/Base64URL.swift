/// Base64url without padding (RFC 4648 section 5), as JOSE writes every part of a compact JWS.
///
/// Coded byte by byte: every verification certificate, exposure publish and health card goes through here, and a detour through
/// standard base64 with string replacements costs more than the signature check it sits beside.
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Each ASCII byte's 6-bit value, or 0xFF for bytes outside the alphabet.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()

    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let input = Array(bytes)
        let count = (input.count * 4 + 2) / 3
        return String(unsafeUninitializedCapacity: count) { output in
            var written = 0
            var index = 0
            while index < input.count {
                let remaining = input.count - index
                let group =
                    UInt32(input[index]) << 16 | (remaining > 1 ? UInt32(input[index + 1]) << 8 : 0)
                    | (remaining > 2 ? UInt32(input[index + 2]) : 0)
                for position in 0..<min(4, remaining + 1) {
                    output[written] = alphabet[Int(group >> (18 - 6 * UInt32(position)) & 0x3F)]
                    written += 1
                }
                index += 3
            }
            return written
        }
    }

    /// The bytes of `text`, or nil when it is not unpadded base64url (a length of 1 modulo 4, a byte outside the
    /// alphabet, or bits left over in the last character). Contiguous input is decoded without generic dispatch per
    /// byte: a health card's payload is a few thousand characters.
    public static func decode(_ utf8: some Collection<UInt8>) -> [UInt8]? {
        if let decoded = utf8.withContiguousStorageIfAvailable(decode(buffer:)) { return decoded }
        return Array(utf8).withUnsafeBufferPointer(decode(buffer:))
    }

    private static func decode(buffer utf8: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard utf8.count % 4 != 1 else { return nil }
        let count = utf8.count * 3 / 4
        var valid = true
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { output, initialized in
            var accumulator: UInt32 = 0
            var bits = 0
            var written = 0
            values.withUnsafeBufferPointer { values in
                for character in utf8 {
                    let value = values[Int(character)]
                    guard value != 0xFF else {
                        valid = false
                        return
                    }
                    accumulator = accumulator << 6 | UInt32(value)
                    bits += 6
                    if bits >= 8 {
                        bits -= 8
                        output[written] = UInt8(truncatingIfNeeded: accumulator >> UInt32(bits))
                        written += 1
                        accumulator &= (1 << UInt32(bits)) - 1
                    }
                }
            }
            if accumulator != 0 { valid = false }
            initialized = valid ? written : 0
        }
        return valid ? bytes : nil
    }
}
