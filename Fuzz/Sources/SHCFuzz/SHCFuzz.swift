import Foundation
import FuzzDriver

@testable import Certificates

/// The issuers the harness trusts: the directory snapshot named by SHCFUZZ_ISSUERS (scripts/fuzz.sh builds it from
/// the official examples' issuer), so seeds from the examples reach the signature and revocation steps. Read once.
let fuzzVerifier: HealthCardVerifier = {
    let path = ProcessInfo.processInfo.environment["SHCFUZZ_ISSUERS"] ?? ""
    let data = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
    let issuers = (try? HealthCardIssuerImport(snapshot: data).issuers) ?? []
    var verifier = HealthCardVerifier(issuers: HealthCardIssuerList(issuers))
    verifier.entryRules = EntryRuleCheck(rules: .defaults, valueSets: .european, destination: "BH")
    return verifier
}()

let fuzzClock = Date(timeIntervalSince1970: 1_690_000_000)

/// One libFuzzer input. The first byte picks the entry point: QR texts (one per line), a JWS made numeric, JSON
/// text for the strict reader (which must read its own output back the same), or a FHIR bundle read as DCC fields.
/// Any crash or sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func shcFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: data + 1, count: size - 1)
    switch data[0] % 4 {
    case 0:
        let texts = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        _ = try? fuzzVerifier.verify(texts, at: fuzzClock).jsonData()
    case 1:
        guard bytes.allSatisfy({ (45...122).contains($0) }) else { return 0 }
        let texts = HealthCardQR.texts(of: String(decoding: bytes, as: UTF8.self))
        _ = try? fuzzVerifier.verify(texts, at: fuzzClock).jsonData()
    case 2:
        guard let value = try? JSONValue(parsing: bytes) else { return 0 }
        guard (try? JSONValue(parsing: value.minifiedText)) == value else {
            fatalError("the strict reader does not read its own minified text back")
        }
    default:
        guard let bundle = try? JSONValue(parsing: bytes) else { return 0 }
        _ = try? HealthCardDCCPayload.make(bundle, issuerName: "fuzz", country: "BH", rid: "fuzz")
    }
    return 0
}

@_cdecl("SHCFuzz_main")
public func shcFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, shcFuzzOneInput)
}
