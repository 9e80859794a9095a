/// Reads a CSV file of people (RFC 4180): a header row naming the columns, in any order, then one person per
/// record. `nationalId` and `dateOfBirth` are required, and `familyName` or `name`; empty cells are absent values.
enum PeopleCSVReader {
    enum Column: String, CaseIterable {
        case nationalId, dateOfBirth, name, familyName, givenName, familyNameLatin, givenNameLatin, phone
    }

    static func read(_ bytes: [UInt8]) throws(ServiceError) -> [PersonImportRow] {
        var scanner = CSVRecordScanner(try ImportText.utf8Bytes(bytes))
        guard let header = try scanner.next() else {
            throw ServiceError(.csvMissingHeader, "The file is empty; it must start with a header row.")
        }
        let columns = try Self.columns(of: header)
        scanner.headerCellCount = columns.count
        var rows: [PersonImportRow] = []
        while let record = try scanner.next() {
            let fields = Result { () throws(ServiceError) in try Self.fields(of: record, columns: columns) }
            rows.append(PersonImportRow(location: "line \(record.line)", fields: fields))
        }
        return rows
    }

    static func columns(of header: CSVRecordScanner.Record) throws(ServiceError) -> [Column] {
        let names = try header.cells.get()
        let expected = Column.allCases.map(\.rawValue).joined(separator: ",")
        var columns: [Column] = []
        for name in names {
            guard let column = Column(rawValue: name) else {
                throw ServiceError(
                    .unknownField,
                    "The header names the unknown column '\(ServiceError.printable(name))'; the columns "
                        + "are \(expected).")
            }
            guard !columns.contains(column) else {
                throw ServiceError(.csvDuplicateColumn, "The header names the column \(name) more than once.")
            }
            columns.append(column)
        }
        guard columns.contains(.nationalId), columns.contains(.dateOfBirth),
            columns.contains(.familyName) || columns.contains(.name)
        else {
            throw ServiceError(.missingField, "The header needs nationalId, dateOfBirth, and familyName or name.")
        }
        return columns
    }

    static func fields(of record: CSVRecordScanner.Record, columns: [Column]) throws(ServiceError)
        -> PersonImportRow.Fields
    {
        let cells = try record.cells.get()
        guard cells.count == columns.count else {
            throw ServiceError(
                .csvCellCount, "The record has \(cells.count) cells; the header has \(columns.count) columns.")
        }
        var fields = PersonImportRow.Fields()
        for (column, cell) in zip(columns, cells) {
            let value = cell.isEmpty ? nil : cell
            switch column {
            case .nationalId: fields.nationalId = cell
            case .dateOfBirth: fields.dateOfBirth = cell
            case .name: fields.names.name = value
            case .familyName: fields.names.familyName = value
            case .givenName: fields.names.givenName = value
            case .familyNameLatin: fields.names.familyNameLatin = value
            case .givenNameLatin: fields.names.givenNameLatin = value
            case .phone: fields.phone = value
            }
        }
        return fields
    }
}
