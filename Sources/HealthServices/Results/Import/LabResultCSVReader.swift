public import Foundation

/// Reads a CSV lab-result file (RFC 4180): a header row naming the columns, in any order, then one result per
/// record. Rows are numbered by the physical line they start on.
public struct LabResultCSVReader: LabResultFileReader {
    /// A column of the file, named by the header.
    enum Column: String, CaseIterable {
        case sampleId = "sample_id"
        case nationalId = "national_id"
        case test
        case result
        case sampledAt = "sampled_at"
        case resultedAt = "resulted_at"
        case device

        /// Whether the header must name this column; `resulted_at` and `device` may be left out.
        var isRequired: Bool { self != .resultedAt && self != .device }
    }

    public init() {}

    public func read(_ data: Data) throws(ServiceError) -> [LabResultImportRow] {
        var scanner = CSVRecordScanner(try ImportText.utf8Bytes([UInt8](data)))
        guard let header = try scanner.next() else {
            throw ServiceError(
                .csvMissingHeader, "The file is empty; it must start with a header row naming the columns.")
        }
        let columns = try Self.columns(of: header)
        scanner.headerCellCount = columns.count
        var rows: [LabResultImportRow] = []
        while let record = try scanner.next() {
            let fields = Result { () throws(ServiceError) in try Self.fields(of: record, columns: columns) }
            rows.append(LabResultImportRow(line: record.line, location: "line \(record.line)", fields: fields))
        }
        return rows
    }

    /// The column of each cell, from the header row; a header that lacks a required column, repeats one or names
    /// one this format does not define is refused.
    static func columns(of header: CSVRecordScanner.Record) throws(ServiceError) -> [Column] {
        let names: [String]
        switch header.cells {
        case .success(let cells): names = cells
        case .failure(let error):
            throw ServiceError(error.code, "The header row (line \(header.line)) cannot be read. \(error.detail)")
        }
        let expected = Column.allCases.map(\.rawValue).joined(separator: ", ")
        let columns = names.map(Column.init(rawValue:))
        if columns.allSatisfy({ $0 == nil }) {
            throw ServiceError(
                .csvMissingHeader,
                "The first row (line \(header.line)) is not a header: it names none of the columns \(expected).")
        }
        let unknown = zip(names, columns).filter { $0.1 == nil }.map { "'\(ServiceError.printable($0.0))'" }
        guard unknown.isEmpty else {
            throw ServiceError(
                .unknownField,
                "The header names unknown columns \(unknown.joined(separator: ", ")); the columns are \(expected).")
        }
        let known = columns.compactMap { $0 }
        var seen: Set<Column> = []
        for column in known where !seen.insert(column).inserted {
            throw ServiceError(.csvDuplicateColumn, "The header names the column \(column.rawValue) more than once.")
        }
        let missing = Column.allCases.filter { $0.isRequired && !seen.contains($0) }.map(\.rawValue)
        guard missing.isEmpty else {
            throw ServiceError(
                .missingField, "The header lacks the required columns \(missing.joined(separator: ", ")).")
        }
        return known
    }

    /// A record's cells as fields, by the header's columns; an empty `resulted_at` or `device` cell is an absent
    /// value.
    static func fields(of record: CSVRecordScanner.Record, columns: [Column]) throws(ServiceError) -> LabResultFields {
        let cells = try record.cells.get()
        guard cells.count == columns.count else {
            throw ServiceError(
                .csvCellCount, "The record has \(cells.count) cells; the header has \(columns.count) columns.")
        }
        var fields = LabResultFields(sampleId: "", nationalId: "", test: "", result: "", sampledAt: "", resultedAt: nil)
        for (column, cell) in zip(columns, cells) {
            switch column {
            case .sampleId: fields.sampleId = cell
            case .nationalId: fields.nationalId = cell
            case .test: fields.test = cell
            case .result: fields.result = cell
            case .sampledAt: fields.sampledAt = cell
            case .resultedAt: fields.resultedAt = cell.isEmpty ? nil : cell
            case .device: fields.device = cell.isEmpty ? nil : cell
            }
        }
        return fields
    }
}
