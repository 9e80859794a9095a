public import Foundation

/// Turns the bytes of a lab-result file into rows, one per record, in file order. A problem with one record is
/// that row's error; a problem with the whole file (not UTF-8, no usable header, not a Bundle) is thrown.
public protocol LabResultFileReader: Sendable {
    func read(_ data: Data) throws(ServiceError) -> [LabResultImportRow]
}
