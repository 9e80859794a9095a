import Certificates
import Foundation
import FuzzDriver

/// The trust list the harness verifies against: the gateway JSON file named by HC1FUZZ_TRUST (scripts/fuzz.sh
/// builds it from the conformance suite's DSCs), so seeds from the suite reach the signature step. Read once.
let fuzzVerifier: CertificateVerifier = {
    let path = ProcessInfo.processInfo.environment["HC1FUZZ_TRUST"] ?? ""
    let data = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
    let list = (try? TrustList(data: Array(data))) ?? TrustList()
    return CertificateVerifier(trustList: list)
}()

let fuzzClock = Date(timeIntervalSince1970: 1_625_000_000)
let fuzzDecoder = CBORDecoder()
let deepDecoder = CBORDecoder(limits: .init(maxDepth: 64, maxItems: 1 << 20))

/// One libFuzzer input. The first byte picks the entry point: the HC1 string itself, zlib-compressed COSE, raw
/// COSE wrapped as HC1, or bare CBOR, so mutations reach every stage of the chain. Any crash or sanitizer report
/// is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func hc1FuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: data + 1, count: size - 1)
    switch data[0] % 4 {
    case 0:
        _ = fuzzVerifier.verify(String(decoding: bytes, as: UTF8.self), at: fuzzClock)
    case 1:
        _ = fuzzVerifier.verify("HC1:" + Base45.encode(Array(bytes)), at: fuzzClock)
    case 2:
        if let hc1 = try? HC1Codec.encode(cose: Array(bytes)) {
            let result = fuzzVerifier.verify(hc1, at: fuzzClock)
            _ = try? result.jsonData()
        }
    default:
        if let value = try? fuzzDecoder.decode(Array(bytes)) {
            let encoded = CBOREncoder.encode(value)
            guard (try? deepDecoder.decode(encoded)) != nil else {
                fatalError("deterministic re-encoding of a decoded item does not decode")
            }
            _ = JSONValue(cbor: value)
        }
    }
    return 0
}

@_cdecl("HC1Fuzz_main")
public func hc1FuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, hc1FuzzOneInput)
}
