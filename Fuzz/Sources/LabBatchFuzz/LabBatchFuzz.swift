import Foundation
import FuzzDriver

@testable import HealthServices

/// One input: a lab's JSON batch body, read as `POST /v1/lab/results` reads it. It must parse or be refused with a
/// service error, whole or item by item.
@_cdecl("LLVMFuzzerTestOneInput")
public func labBatchFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Data(bytes: data, count: size)
    if let items = try? LabResultBatch.parse(body) {
        precondition(!items.isEmpty && items.count <= ResultService.maxBatchSize, "batch bounds not kept")
    }
    return 0
}

@_cdecl("LabBatchFuzz_main")
public func labBatchFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, labBatchFuzzOneInput)
}
