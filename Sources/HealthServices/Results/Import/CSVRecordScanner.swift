/// Splits CSV text (RFC 4180 §2) into records of cells, noting the physical line each record starts on.
///
/// Quoted cells may hold commas, doubled quotes and line breaks; lines end in CRLF, LF or a lone CR; empty lines
/// are skipped but counted. A record that breaks the quoting rules is reported and reading resumes on the next
/// line. A quoted cell never closed, or one that runs over a line break and then breaks the rules or leaves its record
/// with other than the header's cell count (its opening quote stray, its "closing" one another's), refuses the whole
/// file: where the records after its start end cannot
/// be told (read as one record, they would be neither imported nor counted).
struct CSVRecordScanner {
    /// One record: the line it starts on, and its cells or why they cannot be read.
    struct Record {
        let line: Int
        let cells: Result<[String], ServiceError>
    }

    private let bytes: ArraySlice<UInt8>
    private var index: Int
    private var line = 1
    private var quoted: [UInt8] = []
    /// Whether a quoted cell broke the rules after running over a line break, or ran to the end of the text.
    private var recordsLost = false
    /// The header's cell count, once read: a record over several lines with another count is a stray quote's too.
    var headerCellCount: Int?
    /// Whether a quoted cell of the record being read holds a line break.
    private var spansLines = false

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    /// The next record that is not an empty line, or nil at the end of the text.
    mutating func next() throws(ServiceError) -> Record? {
        while index < bytes.endIndex, isLineBreak(bytes[index]) {
            consumeLineBreak()
        }
        guard index < bytes.endIndex else { return nil }
        let start = line
        spansLines = false
        var cells: [String] = []
        while true {
            let cell: String
            do throws(ServiceError) {
                cell = try bytes[index] == quote ? quotedCell() : plainCell()
            } catch {
                guard !recordsLost else {
                    throw ServiceError(error.code, "Line \(start): \(error.detail) Nothing in the file was read.")
                }
                return Record(line: start, cells: .failure(error))
            }
            cells.append(cell)
            guard index < bytes.endIndex else { break }
            if bytes[index] == comma {
                index += 1
                if index == bytes.endIndex {
                    cells.append("")
                    break
                }
                continue
            }
            consumeLineBreak()
            break
        }
        if let headerCellCount, cells.count != headerCellCount, spansLines {
            throw ServiceError(
                .csvMalformedRecord,
                "Line \(start): a quoted cell runs over a line break and its record has \(cells.count) cells, not the "
                    + "header's \(headerCellCount): its opening quote looks stray. Nothing in the file was read.")
        }
        return Record(line: start, cells: .success(cells))
    }

    /// An unquoted cell, up to the next comma, line break or the end; a quote inside it breaks RFC 4180.
    private mutating func plainCell() throws(ServiceError) -> String {
        let start = index
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == comma || isLineBreak(byte) { break }
            if byte == quote {
                skipRestOfLine()
                throw ServiceError(
                    .csvMalformedRecord, "A cell that holds a quote must be quoted, with the quote doubled.")
            }
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// A quoted cell: `""` stands for one quote; commas and line breaks are part of the cell.
    private mutating func quotedCell() throws(ServiceError) -> String {
        let startLine = line
        index += 1
        quoted.removeAll(keepingCapacity: true)
        while true {
            guard index < bytes.endIndex else {
                recordsLost = true
                throw ServiceError(
                    .csvMalformedRecord, "A quoted cell is never closed: it runs to the end of the file.")
            }
            let byte = bytes[index]
            if byte == quote {
                if index + 1 < bytes.endIndex, bytes[index + 1] == quote {
                    quoted.append(quote)
                    index += 2
                    continue
                }
                index += 1
                break
            }
            if byte == lineFeed
                || (byte == carriageReturn && !(index + 1 < bytes.endIndex && bytes[index + 1] == lineFeed))
            {
                line += 1
                spansLines = true
            }
            quoted.append(byte)
            index += 1
        }
        if index < bytes.endIndex, bytes[index] != comma, !isLineBreak(bytes[index]) {
            recordsLost = line != startLine
            skipRestOfLine()
            throw ServiceError(
                .csvMalformedRecord,
                recordsLost
                    ? "A quoted cell runs over a line break, then a closing quote does not end it: its opening quote "
                        + "looks stray."
                    : "A closing quote must end its cell (a comma or a line break).")
        }
        return String(decoding: quoted, as: UTF8.self)
    }

    /// Moves past CRLF, LF or CR at `index`, counting one line.
    private mutating func consumeLineBreak() {
        if bytes[index] == carriageReturn, index + 1 < bytes.endIndex, bytes[index + 1] == lineFeed {
            index += 1
        }
        index += 1
        line += 1
    }

    /// Moves past the rest of the current line and its line break, so reading resumes on the next line.
    private mutating func skipRestOfLine() {
        while index < bytes.endIndex, !isLineBreak(bytes[index]) { index += 1 }
        if index < bytes.endIndex { consumeLineBreak() }
    }

    private func isLineBreak(_ byte: UInt8) -> Bool { byte == lineFeed || byte == carriageReturn }

    private let comma = UInt8(ascii: ",")
    private let quote = UInt8(ascii: "\"")
    private let lineFeed = UInt8(ascii: "\n")
    private let carriageReturn = UInt8(ascii: "\r")
}
