import ContactTracing
import Foundation
import FuzzDriver

/// A small valid export.bin, so mutated export.sig bytes reach the signature parser.
let validExportBin = KeyExport.header + [0x20, 0x01, 0x28, 0x01]

/// libFuzzer entry: the input as a zip, as the body of export.bin and as export.sig. Every path must return or
/// throw; a crash, hang or sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func exportFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let export = try? SignedExport(zipData: Data(bytes)) {
        _ = try? export.zipData()
        _ = try? export.inspectionJSON(signatureVerified: nil)
    }
    if let export = try? KeyExport(exportBin: KeyExport.header + bytes) {
        _ = try? export.serializedExportBin()
    }
    _ = try? KeyExport(exportBin: bytes)
    _ = try? SignedExport(exportBin: validExportBin, exportSig: bytes)
    return 0
}

@_cdecl("ExportFuzz_main")
public func exportFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, exportFuzzOneInput)
}
