import Certificates
public import Foundation

/// Reads a FHIR R4 Bundle (JSON) of lab results: one row per entry, numbered from 1, in entry order.
///
/// Each Observation entry becomes a result row (see `LabResultFHIRReader+Observation.swift` for the mapping).
/// Patient and Specimen entries are there for Observations to reference and yield no row; an entry holding any
/// other resource is a row error, so nothing in the file is dropped without a word.
public struct LabResultFHIRReader: LabResultFileReader {
    public init() {}

    public func read(_ data: Data) throws(ServiceError) -> [LabResultImportRow] {
        let root = try JSONTapeParser.parseImport(ImportText.withoutByteOrderMark([UInt8](data)))
        let entries = try Self.entries(of: root)
        let index = FHIRReferenceIndex(entries: entries)
        var rows: [LabResultImportRow] = []
        rows.reserveCapacity(entries.count)
        for (offset, entry) in entries.enumerated() {
            if let row = Self.row(for: entry, number: offset + 1, index: index) {
                rows.append(row)
            }
        }
        return rows
    }

    /// The entries of the Bundle the file holds; anything other than a Bundle is refused whole.
    static func entries(of root: JSONTapeValue) throws(ServiceError) -> [JSONTapeValue] {
        guard root.isObject else {
            throw ServiceError(.fhirNotBundle, "The file must hold a JSON object, a FHIR Bundle.")
        }
        guard let type = root["resourceType"]?.stringValue else {
            throw ServiceError(.fhirNotBundle, "The file is not a FHIR resource: it has no resourceType.")
        }
        guard type == "Bundle" else {
            throw ServiceError(.fhirNotBundle, "The file holds a FHIR \(ServiceError.printable(type)), not a Bundle.")
        }
        guard let entries = root["entry"], !entries.isNull else { return [] }
        guard let array = entries.arrayValue else {
            throw ServiceError(.invalidField, "Bundle.entry must be an array.")
        }
        return array
    }

    /// The row for the entry numbered `number`, or nil for a Patient or Specimen.
    static func row(for entry: JSONTapeValue, number: Int, index: FHIRReferenceIndex) -> LabResultImportRow? {
        func row(_ location: String, _ fields: Result<LabResultFields, ServiceError>) -> LabResultImportRow {
            LabResultImportRow(line: number, location: location, fields: fields)
        }
        guard entry.isObject else {
            return row("entry \(number)", .failure(ServiceError(.invalidField, "The entry must be a JSON object.")))
        }
        guard let resource = entry["resource"], resource.isObject else {
            let error = ServiceError(.missingField, "The entry holds no resource.")
            return row("entry \(number)", .failure(error))
        }
        guard let type = resource["resourceType"]?.stringValue, !type.isEmpty else {
            let error = ServiceError(.missingField, "The entry's resource has no resourceType.")
            return row("entry \(number)", .failure(error))
        }
        var location = "entry \(number) (\(ServiceError.printable(type))"
        if let id = resource["id"]?.stringValue {
            location += "/\(ServiceError.printable(id))"
        }
        location += ")"
        switch type {
        case "Observation":
            let observation = FHIRElement(resource: resource, type: type)
            return row(location, Result { () throws(ServiceError) in try fields(of: observation, in: index) })
        case "Patient", "Specimen":
            return nil
        default:
            let error = ServiceError(
                .fhirUnsupportedResource,
                "The entry holds a \(ServiceError.printable(type)); only Observations (with their Patients and "
                    + "Specimens) are imported.")
            return row(location, .failure(error))
        }
    }
}
