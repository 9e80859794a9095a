import CryptoCore
import Foundation
import TestSupport

@testable import Certificates

/// The official SMART Health Cards examples in `Tests/Fixtures/shc`, and their issuer as a verifier trusts it.
enum HealthCardFixtures {
    static let specIssuer = "https://spec.smarthealth.cards/examples/issuer"
    static let examples = ["00", "01", "02", "03"]
    /// An instant after the examples were signed (2023-06-22).
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func file(_ name: String) throws -> URL {
        try ReferenceTools.file("Tests/Fixtures/shc/\(name)")
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: file(name), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The QR texts of example `number`, in chunk order.
    static func qrTexts(_ number: String) throws -> [String] {
        let folder = try ReferenceTools.file("Tests/Fixtures/shc")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("example-\(number)-f-qr-code-numeric-value-") }.sorted()
        return try names.map(text)
    }

    static func jwks() throws -> JSONWebKeySet {
        try JSONDecoder().decode(JSONWebKeySet.self, from: Data(contentsOf: file("issuer/.well-known/jwks.json")))
    }

    static func crl() throws -> HealthCardRevocationList {
        try JSONDecoder().decode(
            HealthCardRevocationList.self,
            from: Data(contentsOf: file("issuer/.well-known/crl/3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s.json")))
    }

    static func issuer(withCRL: Bool = true) throws -> TrustedHealthCardIssuer {
        TrustedHealthCardIssuer(
            iss: specIssuer, name: "SMART Health Cards examples", keys: try jwks().keys,
            crls: withCRL ? [try crl()] : [])
    }

    static func verifier(withCRL: Bool = true) throws -> HealthCardVerifier {
        HealthCardVerifier(issuers: HealthCardIssuerList([try issuer(withCRL: withCRL)]))
    }

    /// `jws` with one character of its signature changed, as QR text.
    static func tampered(_ jws: String) -> [String] {
        var characters = Array(jws.utf8)
        let index = characters.count - 10
        characters[index] = characters[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        return HealthCardQR.texts(of: String(decoding: characters, as: UTF8.self))
    }
}
