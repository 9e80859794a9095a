/// The bytes of an import file as UTF-8 text.
enum ImportText {
    /// The UTF-8 encoding of U+FEFF, which spreadsheet programs put at the start of CSV files.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The file's bytes without a leading byte-order mark.
    static func withoutByteOrderMark(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        bytes.starts(with: byteOrderMark) ? bytes[byteOrderMark.count...] : bytes[...]
    }

    /// The file's bytes without a leading byte-order mark; throws when they are not UTF-8, naming the line of the
    /// first byte that is not.
    static func utf8Bytes(_ bytes: [UInt8]) throws(ServiceError) -> ArraySlice<UInt8> {
        let text = withoutByteOrderMark(bytes)
        if String(validating: text, as: UTF8.self) != nil { return text }
        var iterator = text.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = text.startIndex
        parsing: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput, .error: break parsing
            }
        }
        throw notUTF8(line: line(of: offset, in: text))
    }

    /// The error for a file that is not UTF-8 text.
    static func notUTF8(line: Int) -> ServiceError {
        ServiceError(.importNotUTF8, "The file is not UTF-8 text (the first invalid byte is on line \(line)).")
    }

    /// The 1-based line the byte at `offset` is on.
    static func line(of offset: Int, in text: ArraySlice<UInt8>) -> Int {
        1 + text[..<min(offset, text.endIndex)].lazy.filter { $0 == UInt8(ascii: "\n") }.count
    }

    /// Space, tab, line feed or carriage return: the whitespace JSON allows between tokens (RFC 8259 §2).
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Whether `text` holds `word` (lowercase ASCII), ignoring ASCII case: how identifier systems are recognised.
    static func mentions(_ text: String, _ word: StaticString) -> Bool {
        var text = text
        return text.withUTF8 { text in
            word.withUTF8Buffer { word in
                guard !word.isEmpty, text.count >= word.count else { return false }
                return (0...text.count - word.count).contains { start in
                    word.indices.allSatisfy { offset in
                        let byte = text[start + offset]
                        let lower = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
                        return lower == word[offset]
                    }
                }
            }
        }
    }
}
