import Certificates
import Foundation

/// The trust list the harness verifies against: the gateway JSON file named by HC1FUZZ_TRUST (the run script
/// builds it from the conformance suite's DSCs), so seeds from the suite reach the signature step.
let fuzzVerifier: CertificateVerifier = {
    let path = ProcessInfo.processInfo.environment["HC1FUZZ_TRUST"] ?? ""
    let list = (try? TrustList(contentsOf: URL(fileURLWithPath: path))) ?? TrustList()
    return CertificateVerifier(trustList: list)
}()

let fuzzClock = Date(timeIntervalSince1970: 1_625_000_000)

/// One libFuzzer input. The first byte picks the entry point: the HC1 string itself, zlib-compressed COSE, or
/// raw COSE wrapped as HC1, so mutations reach every stage of the chain. Any crash or sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch data[0] % 4 {
    case 0:
        _ = fuzzVerifier.verify(String(decoding: bytes, as: UTF8.self), at: fuzzClock)
    case 1:
        _ = fuzzVerifier.verify("HC1:" + Base45.encode(bytes), at: fuzzClock)
    case 2:
        if let hc1 = try? HC1Codec.encode(cose: bytes) {
            let result = fuzzVerifier.verify(hc1, at: fuzzClock)
            _ = try? result.jsonData()
        }
    default:
        if let value = try? CBORDecoder().decode(bytes) {
            let encoded = CBOREncoder.encode(value)
            guard (try? CBORDecoder(limits: .init(maxDepth: 64, maxItems: 1 << 20)).decode(encoded)) != nil else {
                fatalError("deterministic re-encoding of a decoded item does not decode")
            }
            _ = JSONValue(cbor: value)
        }
    }
    return 0
}

/// libFuzzer's driver, which its own `main` would call.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// The executable's entry point under SwiftPM (which links `main` to `<module>_main`): hands over to libFuzzer.
@_cdecl("HC1Fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
