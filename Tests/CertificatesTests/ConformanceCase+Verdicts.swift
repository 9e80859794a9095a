import Foundation

@testable import Certificates

/// Our verdict for each EXPECTED* flag, computed with the library's own stages.
extension ConformanceCase {
    /// True when the stage succeeds; a thrown error means it fails.
    func verdict(_ flag: String) throws -> Bool? {
        switch flag {
        case "EXPECTEDUNPREFIX":
            let rest = try HC1Codec.stripPrefix(text("PREFIX") ?? "")
            if let base45 = text("BASE45"), base45 != String(rest) {
                throw Mismatch(reason: "PREFIX differs from BASE45")
            }
        case "EXPECTEDB45DECODE":
            let source = try text("BASE45") ?? String(HC1Codec.stripPrefix(text("PREFIX") ?? ""))
            let raw = try Base45.decode(source)
            if let compressed = try bytes("COMPRESSED"), compressed != raw {
                throw Mismatch(reason: "differs from COMPRESSED")
            }
        case "EXPECTEDCOMPRESSION":
            let compressed =
                try bytes("COMPRESSED") ?? Base45.decode(String(HC1Codec.stripPrefix(text("PREFIX") ?? "")))
            let inflated = try Zlib.decompress(compressed)
            if let cose = try bytes("COSE"), cose != inflated { throw Mismatch(reason: "differs from COSE") }
        case "EXPECTEDVERIFY":
            try verifySignature()
        case "EXPECTEDDECODE":
            try checkDecode()
        case "EXPECTEDVALIDJSON":
            guard let json = fields["JSON"] else { return nil }
            guard SemanticJSON.equal(try hcert(fromCOSE: coseFromPrefix()), json) else {
                throw Mismatch(reason: "differs from JSON")
            }
        case "EXPECTEDSCHEMAVALIDATION":
            let hcert = try cborHcert() ?? hcert(fromCOSE: cose())
            try HealthCertificate(json: hcert).validate()
        case "EXPECTEDVALIDOBJECT":
            guard let json = fields["JSON"] else { return nil }
            try HealthCertificate(json: json).validate()
        case "EXPECTEDENCODE":
            guard let json = fields["JSON"], let cbor = try cborHcert() else { return nil }
            guard SemanticJSON.equal(cbor, json) else { throw Mismatch(reason: "CBOR differs from JSON") }
            guard SemanticJSON.equal(JSONValue(cbor: json.cbor), json) else {
                throw Mismatch(reason: "encoding changed it")
            }
        case "EXPECTEDEXPIRATIONCHECK":
            let claims = try CWTClaims(decoding: COSESign1(decoding: cose()).payload)
            var result = VerificationResult()
            CertificateVerifier(trustList: TrustList()).checkExpiry(
                claims, signer: try? documentSigner(), at: try clock(), into: &result)
            if let error = result.error { throw error }
        case "EXPECTEDKEYUSAGE":
            let hcert = try bytes("COSE") != nil ? hcert(fromCOSE: cose()) : (cborHcert() ?? hcert(fromCOSE: cose()))
            guard let type = HealthCertificate(json: hcert).type else { throw Mismatch(reason: "no single type") }
            guard try documentSigner().allows(type) else { throw Mismatch(reason: "EKU does not allow \(type)") }
        default:
            return nil
        }
        return true
    }

    func verifySignature() throws {
        let message = try COSESign1(decoding: cose())
        let signer = try documentSigner()
        guard let kid = message.keyID else { throw CertificateError(.missingKid, "no kid") }
        guard kid == signer.keyID else { throw CertificateError(.unknownKid, "kid differs from the DSC's") }
        try SignatureCheck.verify(
            message.signature, over: message.signatureInput, algorithm: message.algorithm, key: signer.publicKey)
        _ = try CWTClaims(decoding: message.payload)
    }

    func checkDecode() throws {
        let decoded: JSONValue
        if let cose = try bytes("COSE") {
            decoded = try hcert(fromCOSE: cose)
            if let cbor = try cborHcert(), !SemanticJSON.equal(cbor, decoded) {
                throw Mismatch(reason: "COSE differs from CBOR")
            }
        } else if let cbor = try cborHcert() {
            guard case .object = cbor else { throw Mismatch(reason: "CBOR is not a map") }
            decoded = cbor
        } else {
            decoded = try hcert(fromCOSE: coseFromPrefix())
        }
        if let json = fields["JSON"], !SemanticJSON.equal(decoded, json) { throw Mismatch(reason: "differs from JSON") }
    }
}
