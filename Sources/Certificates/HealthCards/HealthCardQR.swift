/// The text a card's QR code holds: `shc:/`, then two decimal digits per JWS character (its code minus 45), so the
/// whole code is in QR numeric mode. A JWS longer than one code holds is split into `shc:/i/n/` chunks of about
/// equal length (SMART Health Cards 1.4; deprecated there, still read and written by others).
public enum HealthCardQR {
    public static let prefix = "shc:/"
    /// The most JWS characters one QR code carries: version 22 at error correction L in numeric mode.
    public static let maximumChunkLength = 1195
    /// The most JWS characters a chunk carries: its `i/n/` header takes the room of four (SMART Health Cards
    /// 1.4: chunks of 1191 or fewer, each in a version 22 code or lower).
    public static let maximumChunkedLength = 1191
    /// The most chunks a card may be split into.
    static let maximumChunks = 99

    /// The QR texts of `jws`: one, or balanced chunks of at most ``maximumChunkedLength`` when it is longer than
    /// ``maximumChunkLength``.
    public static func texts(of jws: String) -> [String] {
        let characters = Array(jws.utf8)
        guard characters.count > maximumChunkLength else { return [prefix + numeric(characters[...])] }
        let count = (characters.count + maximumChunkedLength - 1) / maximumChunkedLength
        let size = (characters.count + count - 1) / count
        return (0..<count).map { index in
            let part = characters[(index * size)..<min(characters.count, (index + 1) * size)]
            return "\(prefix)\(index + 1)/\(count)/" + numeric(part)
        }
    }

    static func numeric(_ characters: ArraySlice<UInt8>) -> String {
        String(unsafeUninitializedCapacity: characters.count * 2) { output in
            var written = 0
            for character in characters {
                let value = Int(character) - 45
                output[written] = UInt8(ascii: "0") + UInt8(value / 10)
                output[written + 1] = UInt8(ascii: "0") + UInt8(value % 10)
                written += 2
            }
            return written
        }
    }

    /// One QR text, read: its place among the card's chunks and its digits.
    struct Chunk {
        let index: Int
        let total: Int
        let digits: ArraySlice<UInt8>
    }

    private static let prefixBytes = Array(prefix.utf8)

    /// Reads the prefix and the `i/n/` of a chunk, on its bytes (a card's text is a few thousand digits);
    /// `wrong-prefix` without `shc:/`, `invalid-chunks` when `i/n/` is malformed or out of range. Spaces and line
    /// breaks around the text are ignored.
    static func chunk(_ text: String) throws(CertificateError) -> Chunk {
        var bytes = Array(text.utf8)[...]
        while let first = bytes.first, isSpace(first) { bytes.removeFirst() }
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        guard bytes.starts(with: prefixBytes) else {
            throw CertificateError(.wrongPrefix, "a SMART Health Card starts with \(prefix)")
        }
        let body = bytes.dropFirst(prefixBytes.count)
        guard let firstSlash = body.firstIndex(of: UInt8(ascii: "/")) else {
            return Chunk(index: 1, total: 1, digits: body)
        }
        let rest = body[(firstSlash + 1)...]
        guard let secondSlash = rest.firstIndex(of: UInt8(ascii: "/")),
            !rest[(secondSlash + 1)...].contains(UInt8(ascii: "/")),
            let index = number(body[..<firstSlash]), let total = number(rest[..<secondSlash]),
            (1...maximumChunks).contains(total), (1...total).contains(index)
        else {
            throw CertificateError(.invalidChunks, "a chunk's shc:/i/n/ is not 1 ≤ i ≤ n ≤ \(maximumChunks)")
        }
        return Chunk(index: index, total: total, digits: rest[(secondSlash + 1)...])
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    /// A chunk number: one or two digits.
    static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard (1...2).contains(digits.count), digits.allSatisfy(isDigit) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// The JWS characters of one chunk's digits; `invalid-numeric` for an odd count, a non-digit or a pair above 77.
    static func characters(of digits: ArraySlice<UInt8>) throws(CertificateError) -> [UInt8] {
        guard !digits.isEmpty, digits.count % 2 == 0 else {
            throw CertificateError(.invalidNumeric, "the digits after shc:/ are none or an odd count")
        }
        var characters: [UInt8] = []
        characters.reserveCapacity(digits.count / 2)
        for pair in stride(from: digits.startIndex, to: digits.endIndex, by: 2) {
            let tens = digits[pair] &- UInt8(ascii: "0")
            let units = digits[pair + 1] &- UInt8(ascii: "0")
            guard tens <= 9, units <= 9, tens * 10 + units <= 77 else {
                throw CertificateError(.invalidNumeric, "a digit pair is not 00 to 77")
            }
            characters.append(tens * 10 + units + 45)
        }
        return characters
    }

    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// Puts chunks read with ``chunk(_:)`` back in order: every index of one total, each once.
    static func assemble(_ chunks: [(Chunk, [UInt8])]) throws(CertificateError) -> [UInt8] {
        guard let total = chunks.first?.0.total, chunks.allSatisfy({ $0.0.total == total }) else {
            throw CertificateError(.invalidChunks, "the chunks belong to cards of different sizes")
        }
        let ordered = chunks.sorted { $0.0.index < $1.0.index }
        guard ordered.map(\.0.index) == Array(1...total) else {
            throw CertificateError(.invalidChunks, "\(chunks.count) chunks given of \(total), or one given twice")
        }
        return ordered.flatMap(\.1)
    }
}
