/// Building a signed COSE_Sign1 for issuance.
extension COSESign1 {
    /// A tagged COSE_Sign1 with alg and kid in the protected header and an empty unprotected header; `sign`
    /// receives the Sig_structure bytes and returns the signature in its COSE form.
    public static func encode(
        payload: [UInt8],
        algorithm: COSEAlgorithm,
        keyID: [UInt8],
        sign: ([UInt8]) throws(CertificateError) -> [UInt8]
    ) throws(CertificateError) -> [UInt8] {
        let protected = CBOREncoder.encode(
            .map([
                CBORMapEntry(key: algorithmLabel, value: .integer(algorithm.rawValue)),
                CBORMapEntry(key: keyIDLabel, value: .byteString(keyID)),
            ]))
        let signature = try sign(signatureInput(protectedHeaderBytes: protected, payload: payload))
        var output: [UInt8] = []
        output.reserveCapacity(protected.count + payload.count + signature.count + 16)
        CBOREncoder.appendHead(major: 6, argument: sign1Tag, to: &output)
        output.append(0x84)
        CBOREncoder.append(.byteString(protected), to: &output)
        output.append(0xA0)
        CBOREncoder.append(.byteString(payload), to: &output)
        CBOREncoder.append(.byteString(signature), to: &output)
        return output
    }
}
