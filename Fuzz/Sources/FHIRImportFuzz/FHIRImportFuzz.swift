import Foundation
import FuzzDriver
import HealthServices

let reader = LabResultFHIRReader()

/// One input: a FHIR Bundle file for `healthctl results import`. It must yield rows (each read or refused with
/// its reason) or be refused whole with a service error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fhirImportFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let rows = try? reader.read(Data(bytes: data, count: size)) else { return 0 }
    for row in rows {
        precondition(row.location.hasPrefix("entry \(row.line)"), "a row's location names its entry")
    }
    return 0
}

@_cdecl("FHIRImportFuzz_main")
public func fhirImportFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fhirImportFuzzOneInput)
}
