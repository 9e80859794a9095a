/// Base45 (RFC 9285): two bytes to three characters of a 45-character alphabet that QR alphanumeric mode holds.
public enum Base45 {
    /// The RFC 9285 §4 alphabet, in value order.
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)

    /// Character value by ASCII code, 0xFF where the byte is not in the alphabet.
    static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }()

    public static func encode(_ bytes: [UInt8]) -> String {
        encode(bytes, prefix: "")
    }

    /// `prefix` followed by the Base45 text, built in one buffer.
    static func encode(_ bytes: [UInt8], prefix: String) -> String {
        let prefixBytes = Array(prefix.utf8)
        let count = prefixBytes.count + bytes.count / 2 * 3 + (bytes.count % 2 == 1 ? 2 : 0)
        return alphabet.withUnsafeBufferPointer { table in
            String(unsafeUninitializedCapacity: count) { output in
                var out = 0
                for byte in prefixBytes {
                    output[out] = byte
                    out += 1
                }
                var index = 0
                while index + 1 < bytes.count {
                    var value = Int(bytes[index]) << 8 | Int(bytes[index + 1])
                    output[out] = table[value % 45]
                    value /= 45
                    output[out + 1] = table[value % 45]
                    output[out + 2] = table[value / 45]
                    out += 3
                    index += 2
                }
                if index < bytes.count {
                    let value = Int(bytes[index])
                    output[out] = table[value % 45]
                    output[out + 1] = table[value / 45]
                    out += 2
                }
                return out
            }
        }
    }

    public static func decode(_ text: String) throws(CertificateError) -> [UInt8] {
        try decode(text[...])
    }

    /// Decodes the text straight from its UTF-8 storage, so a slice of a longer string (the part after `HC1:`) needs
    /// no copy of its own.
    public static func decode(_ text: Substring) throws(CertificateError) -> [UInt8] {
        let decoded = text.utf8.withContiguousStorageIfAvailable { utf8 in
            Result { () throws(CertificateError) in try decode(utf8) }
        }
        if let decoded { return try decoded.get() }
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { (utf8) throws(CertificateError) in try decode(utf8) }
    }

    /// Decodes the ASCII characters in `characters`.
    public static func decode(_ characters: UnsafeBufferPointer<UInt8>) throws(CertificateError) -> [UInt8] {
        guard characters.count % 3 != 1 else {
            throw CertificateError(.base45InvalidLength, "Base45 length \(characters.count) leaves one character over")
        }
        let outputCount = characters.count / 3 * 2 + (characters.count % 3 == 2 ? 1 : 0)
        return try values.withUnsafeBufferPointer { table throws(CertificateError) in
            try [UInt8](unsafeUninitializedCapacity: outputCount) { output, initialized throws(CertificateError) in
                var outIndex = 0
                var index = 0
                // Whole groups of three characters, two bytes each. Values are below 64 and the marker of a byte
                // outside the alphabet is 0xFF, so one test of bit 7 over the three finds any such byte.
                while index + 3 <= characters.count {
                    let low = table[Int(characters[index])]
                    let middle = table[Int(characters[index + 1])]
                    let high = table[Int(characters[index + 2])]
                    guard (low | middle | high) & 0x80 == 0 else {
                        let offset = low == 0xFF ? 0 : middle == 0xFF ? 1 : 2
                        throw CertificateError(
                            .base45InvalidCharacter, "byte \(characters[index + offset]) at \(index + offset)")
                    }
                    let value = UInt32(low) &+ UInt32(middle) &* 45 &+ UInt32(high) &* 2025
                    guard value <= 0xFFFF else {
                        throw CertificateError(.base45ValueOverflow, "group at \(index) decodes to \(value) > 65535")
                    }
                    output[outIndex] = UInt8(truncatingIfNeeded: value &>> 8)
                    output[outIndex + 1] = UInt8(truncatingIfNeeded: value)
                    outIndex += 2
                    index += 3
                }
                // A final pair of characters, one byte.
                if index + 2 == characters.count {
                    let low = table[Int(characters[index])]
                    let high = table[Int(characters[index + 1])]
                    guard low != 0xFF, high != 0xFF else {
                        let offset = low == 0xFF ? 0 : 1
                        throw CertificateError(
                            .base45InvalidCharacter, "byte \(characters[index + offset]) at \(index + offset)")
                    }
                    let value = Int(low) &+ Int(high) &* 45
                    guard value <= 0xFF else {
                        throw CertificateError(.base45ValueOverflow, "final pair decodes to \(value) > 255")
                    }
                    output[outIndex] = UInt8(truncatingIfNeeded: value)
                    outIndex += 1
                }
                initialized = outIndex
            }
        }
    }
}
