import Foundation
import FuzzDriver
import HealthServices

let reader = LabResultCSVReader()

/// One input: a CSV file for `healthctl results import`. It must yield rows in file order, each read or refused
/// with its reason, or be refused whole with a service error.
@_cdecl("LLVMFuzzerTestOneInput")
public func csvImportFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let rows = try? reader.read(Data(bytes: data, count: size)) else { return 0 }
    precondition(rows.first.map { $0.line >= 2 } ?? true, "the first record follows the header line")
    precondition(zip(rows, rows.dropFirst()).allSatisfy { $0.line < $1.line }, "records out of file order")
    return 0
}

@_cdecl("CSVImportFuzz_main")
public func csvImportFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, csvImportFuzzOneInput)
}
