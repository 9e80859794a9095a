public import Foundation

/// The files `healthctl people import` reads, told apart by content as lab-result files are: a FHIR Patient
/// or Bundle of Patients when the first byte other than whitespace is `{`, CSV otherwise.
public enum PeopleFileFormat {
    public static func read(_ data: Data) throws(ServiceError) -> [PersonImportRow] {
        let bytes = [UInt8](data)
        switch LabResultFileFormat(detecting: data) {
        case .fhirBundle: return try PatientFHIRReader.read(bytes)
        case .csv: return try PeopleCSVReader.read(bytes)
        }
    }
}
