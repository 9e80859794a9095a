import CryptoCore
import Foundation

@testable import Certificates

/// One dgc-testdata case file, its fields read as the testdata README describes them.
struct ConformanceCase {
    /// A stage failed or its output differed from the file's.
    struct Mismatch: Error { let reason: String }

    let name: String
    let country: String
    let caseName: String
    let fields: JSONValue
    let expected: [(flag: String, value: Bool)]

    init(url: URL, root: URL) throws {
        name = String(url.path.dropFirst(root.path.count + 1))
        country = String(name.prefix { $0 != "/" })
        caseName = url.deletingPathExtension().lastPathComponent
        fields = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
        guard case .object(let results) = fields["EXPECTEDRESULTS"] else {
            expected = []
            return
        }
        expected = results.compactMap { member in
            guard member.key.hasPrefix("EXPECTED"), case .bool(let value) = member.value else { return nil }
            return (member.key, value)
        }
    }

    /// A non-empty text field.
    func text(_ key: String) -> String? {
        guard let value = fields[key]?.stringValue, !value.isEmpty else { return nil }
        return value
    }

    var context: JSONValue? { fields["TESTCTX"] }

    func bytes(_ key: String) throws -> [UInt8]? {
        guard let hex = text(key) else { return nil }
        let digits = Array(hex.utf8.filter { ![0x20, 0x0A, 0x0D, 0x09].contains($0) })
        guard digits.count % 2 == 0 else { throw Mismatch(reason: "\(key) is not hex") }
        return try stride(from: 0, to: digits.count, by: 2).map { index in
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else {
                throw Mismatch(reason: "\(key) is not hex")
            }
            return byte
        }
    }

    /// PREFIX through Base45 and zlib to the COSE bytes.
    func coseFromPrefix() throws -> [UInt8] {
        try HC1Codec.decode(text("PREFIX") ?? "")
    }

    func cose() throws -> [UInt8] {
        try bytes("COSE") ?? coseFromPrefix()
    }

    func hcert(fromCOSE bytes: [UInt8]) throws -> JSONValue {
        JSONValue(cbor: try CWTClaims(decoding: try COSESign1(decoding: bytes).payload).healthCertificate)
    }

    /// The CBOR field's hcert: the field holds either the hcert map or the whole CWT claims map.
    func cborHcert() throws -> JSONValue? {
        guard let cbor = try bytes("CBOR") else { return nil }
        let value = try CBORDecoder().decode(cbor)
        if let hcert = value[-260]?[1] { return JSONValue(cbor: hcert) }
        return JSONValue(cbor: value)
    }

    func documentSigner() throws -> TrustedSigner {
        guard let base64 = context?["CERTIFICATE"]?.stringValue else { throw Mismatch(reason: "no CERTIFICATE") }
        let cleaned = base64.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
            .filter { !$0.isWhitespace }
        let padded = cleaned + String(repeating: "=", count: (4 - cleaned.count % 4) % 4)
        guard let der = Data(base64Encoded: padded) else { throw Mismatch(reason: "CERTIFICATE is not base64") }
        return TrustedSigner(certificate: try X509Certificate(derEncoded: Array(der)))
    }

    func clock() throws -> Date {
        guard let text = context?["VALIDATIONCLOCK"]?.stringValue, let date = ISO8601.parse(text) else {
            throw Mismatch(reason: "no usable VALIDATIONCLOCK")
        }
        return date
    }
}

/// Semantic equality of hcert content, as the testdata compares JSON and CBOR: member order ignored, integers
/// equal to integral floats, and date-time text compared as instants.
enum SemanticJSON {
    static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(members.map { .init($0.key, normalized($0.value)) }.sorted { $0.key < $1.key })
        case .array(let elements):
            return .array(elements.map(normalized))
        case .number(let number):
            return value.integerValue.map(JSONValue.integer) ?? .number(number)
        case .string(let text)
        where text.count >= 16 && text.utf8.dropFirst(10).first.map({ [0x54, 0x20].contains($0) }) == true:
            return ISO8601.parse(text).map { .string("instant:\($0.timeIntervalSince1970)") } ?? value
        default:
            return value
        }
    }

    static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        normalized(lhs) == normalized(rhs)
    }
}
