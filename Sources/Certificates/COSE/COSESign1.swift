/// A COSE_Sign1 message (RFC 9052 §4.2), read as the hcert spec §3.3 requires: tagged 18, untagged, or 61 around 18;
/// kid from the protected header, else the unprotected one; alg from the protected header only, where the hcert
/// specification puts it (an alg left unprotected could be changed without breaking the signature).
public struct COSESign1: Sendable, Hashable {
    /// Header labels (RFC 9052 §3.1).
    static let algorithmLabel: CBORValue = 1
    static let keyIDLabel: CBORValue = 4
    /// CBOR tags for COSE_Sign1 (RFC 9052 §2) and CWT (RFC 8392 §6).
    public static let sign1Tag: UInt64 = 18
    public static let cwtTag: UInt64 = 61

    /// The protected header exactly as received; the signature covers these bytes.
    public let protectedHeaderBytes: [UInt8]
    public let protectedHeader: [CBORMapEntry]
    public let unprotectedHeader: [CBORMapEntry]
    public let payload: [UInt8]
    public let signature: [UInt8]
    public let algorithm: COSEAlgorithm
    /// The kid, nil when neither header has one.
    public let keyID: [UInt8]?

    public init(decoding bytes: [UInt8], decoder: CBORDecoder = CBORDecoder()) throws(CertificateError) {
        let message = try Self.sign1Content(try decoder.decode(bytes))
        guard case .array(let parts) = message else {
            throw CertificateError(.malformedCOSE, "COSE_Sign1 is not an array")
        }
        guard parts.count == 4 else {
            throw CertificateError(.wrongArraySize, "COSE_Sign1 has \(parts.count) elements, not 4")
        }
        guard case .byteString(let protectedBytes) = parts[0] else {
            throw CertificateError(.malformedCOSE, "protected header is not a byte string")
        }
        let protected: [CBORMapEntry]
        if protectedBytes.isEmpty {
            protected = []
        } else {
            guard case .map(let entries) = try decoder.decode(protectedBytes) else {
                throw CertificateError(.malformedCOSE, "protected header is not a map")
            }
            protected = entries
        }
        guard case .map(let unprotected) = parts[1] else {
            throw CertificateError(.malformedCOSE, "unprotected header is not a map")
        }
        guard case .byteString(let payload) = parts[2], case .byteString(let signature) = parts[3] else {
            throw CertificateError(.malformedCOSE, "payload or signature is not a byte string")
        }
        try Self.checkUniqueLabels(protected, name: "protected")
        try Self.checkUniqueLabels(unprotected, name: "unprotected")
        self.protectedHeaderBytes = protectedBytes
        self.protectedHeader = protected
        self.unprotectedHeader = unprotected
        self.payload = payload
        self.signature = signature
        self.algorithm = try Self.algorithm(protected: protected, unprotected: unprotected)
        self.keyID = try Self.keyID(protected: protected, unprotected: unprotected)
    }

    /// The message inside its tags, which may be none, 18, or 61 around 18.
    static func sign1Content(_ message: CBORValue) throws(CertificateError) -> CBORValue {
        guard case .tagged(let outer, let content) = message else { return message }
        switch (outer, content) {
        case (sign1Tag, let inner) where !inner.isTagged:
            return inner
        case (cwtTag, .tagged(sign1Tag, let inner)) where !inner.isTagged:
            return inner
        default:
            var tags: [UInt64] = []
            var value = message
            while case .tagged(let tag, let content) = value {
                tags.append(tag)
                value = content
            }
            throw CertificateError(.wrongTag, "CBOR tags \(tags) are not COSE_Sign1")
        }
    }

    static func checkUniqueLabels(_ header: [CBORMapEntry], name: String) throws(CertificateError) {
        for index in header.indices.dropFirst() where header[..<index].contains(where: { $0.key == header[index].key })
        {
            throw CertificateError(.duplicateHeader, "label \(header[index].key) twice in the \(name) header")
        }
    }

    static func value(_ label: CBORValue, in header: [CBORMapEntry]) -> CBORValue? {
        header.first { $0.key == label }?.value
    }

    static func algorithm(
        protected: [CBORMapEntry],
        unprotected: [CBORMapEntry]
    ) throws(CertificateError) -> COSEAlgorithm {
        guard let value = value(algorithmLabel, in: protected) else {
            let only = value(algorithmLabel, in: unprotected) != nil ? ": it is only in the unprotected one" : ""
            throw CertificateError(.missingAlgorithm, "no alg in the protected header\(only)")
        }
        guard let number = value.int64Value, let algorithm = COSEAlgorithm(rawValue: number) else {
            throw CertificateError(.unknownAlgorithm, "alg \(value) is not ES256 or PS256")
        }
        return algorithm
    }

    static func keyID(protected: [CBORMapEntry], unprotected: [CBORMapEntry]) throws(CertificateError) -> [UInt8]? {
        guard let value = value(keyIDLabel, in: protected) ?? value(keyIDLabel, in: unprotected) else { return nil }
        guard case .byteString(let kid) = value else {
            throw CertificateError(.malformedCOSE, "kid is not a byte string")
        }
        return kid
    }

    /// The start of every Sig_structure: an array of four, then the text "Signature1".
    static let signatureInputPrefix: [UInt8] = [0x84, 0x6A] + Array("Signature1".utf8)

    /// The bytes the signature covers: `["Signature1", protected, h'', payload]` (RFC 9052 §4.4).
    public var signatureInput: [UInt8] {
        Self.signatureInput(protectedHeaderBytes: protectedHeaderBytes, payload: payload)
    }

    static func signatureInput(protectedHeaderBytes: [UInt8], payload: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(protectedHeaderBytes.count + payload.count + 24)
        output.append(contentsOf: signatureInputPrefix)
        CBOREncoder.appendHead(major: 2, argument: UInt64(protectedHeaderBytes.count), to: &output)
        output.append(contentsOf: protectedHeaderBytes)
        output.append(0x40)
        CBOREncoder.appendHead(major: 2, argument: UInt64(payload.count), to: &output)
        output.append(contentsOf: payload)
        return output
    }
}
