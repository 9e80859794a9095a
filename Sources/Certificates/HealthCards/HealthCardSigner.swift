public import CryptoCore

/// Signs health cards as one issuer with one key: ES256, the kid its JWK thumbprint, the payload raw-DEFLATEd
/// (SMART Health Cards 1.4).
public struct HealthCardSigner: Sendable {
    /// The issuer URL, `iss`: verifiers fetch `<iss>/.well-known/jwks.json`.
    public let issuerURL: String
    public let key: JSONWebKey
    private let signer: P256Signer
    /// The base64url header and its dot, the same for every card this key signs.
    private let encodedHeader: [UInt8]

    public init(issuerURL: String, signingKey: P256PrivateKey) throws {
        self.issuerURL = issuerURL
        key = JSONWebKey(signing: signingKey.publicKey)
        signer = try P256Signer(privateKey: signingKey)
        let header = JSONValue.object([
            .init("zip", .string("DEF")), .init("alg", .string("ES256")), .init("kid", .string(key.kid ?? "")),
        ])
        encodedHeader = Array((Base64URL.encode(header.minifiedText) + ".").utf8)
    }

    /// The compact JWS of a card holding `bundle`, not valid before `notBefore` (seconds since 1970), revocable
    /// by `revocationID`.
    public func sign(bundle: JSONValue, revocationID: String, notBefore: Int64) throws(CertificateError) -> String {
        let claims = JSONValue.object([
            .init("iss", .string(issuerURL)),
            .init("nbf", .integer(notBefore)),
            .init(
                "vc",
                .object([
                    .init("type", .array([.string(HealthCard.healthCardType)])),
                    .init(
                        "credentialSubject",
                        .object([.init("fhirVersion", .string(HealthCard.fhirVersion)), .init("fhirBundle", bundle)])),
                    .init("rid", .string(revocationID)),
                ])),
        ])
        let payload = try HealthCardDeflate.compress(claims.minifiedText)
        let signingInput = encodedHeader + Array(Base64URL.encode(payload).utf8)
        do {
            let signature = try signer.signature(for: signingInput).rawRepresentation
            return String(decoding: signingInput, as: UTF8.self) + "." + Base64URL.encode(signature)
        } catch {
            throw CertificateError(.invalidKeyStore, "signing failed: \(error)")
        }
    }
}

/// Constants of the SMART Health Cards framework.
public enum HealthCard {
    /// The `vc.type` every card carries.
    public static let healthCardType = "https://smarthealth.cards#health-card"
    /// The FHIR release the bundle is written in.
    public static let fhirVersion = "4.0.1"
    /// The media type of the `.smart-health-card` file.
    public static let fileMediaType = "application/smart-health-card"

    /// The kid in a compact JWS's header, nil when it has none.
    public static func keyID(of jws: String) -> String? {
        guard let header = jws.utf8.split(separator: UInt8(ascii: "."), maxSplits: 1).first,
            let bytes = Base64URL.decode(header),
            let json = try? JSONValue(parsing: bytes)
        else { return nil }
        return json["kid"]?.stringValue
    }

    /// The `nbf` of a compact JWS in whole seconds (a fractional one rounded down), nil when it cannot be read.
    /// Not a check: the signature is not verified.
    public static func notBefore(of jws: String) -> Int64? {
        var checks = HealthCardChecks()
        guard let card = try? HealthCardJWS.read(Array(jws.utf8), checks: &checks) else { return nil }
        return Int64(card.notBefore.rounded(.down))
    }

    /// The `.smart-health-card` file form: `{"verifiableCredential": [jws, ...]}`.
    public static func file(_ jws: [String]) -> [UInt8] {
        JSONValue.object([.init("verifiableCredential", .array(jws.map(JSONValue.string)))]).minifiedText
    }
}
