public import Foundation

/// Turns the bytes of a lab-result file into rows, one per record, in file order. A problem with one record is
/// that row's error; a problem with the whole file (not UTF-8, no usable header, not a Bundle) is thrown.
public protocol LabResultFileReader: Sendable {
    /// The file's records as rows, in file order: a record that cannot be read is a row holding its error, so the rest
    /// still import. Throws only for the file as a whole. Reads no store; the rows are recorded afterwards.
    func read(_ data: Data) throws(ServiceError) -> [LabResultImportRow]
}
