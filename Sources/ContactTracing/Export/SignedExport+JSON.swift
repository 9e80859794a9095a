import CryptoCore
public import Foundation

/// The `exposure inspect --json` form of an export.
extension SignedExport {
    private struct Inspection: Encodable {
        struct Signature: Encodable {
            let verificationKeyID: String
            let verificationKeyVersion: String
            let signatureAlgorithm: String
            let batchNumber: Int
            let batchSize: Int
            let signature: String
        }

        let region: String
        let startTimestamp: UInt64
        let endTimestamp: UInt64
        let batchNumber: Int
        let batchSize: Int
        let keyCount: Int
        let revisedKeyCount: Int
        let keys: [DiagnosisKey.JSONForm]
        let revisedKeys: [DiagnosisKey.JSONForm]
        let signatures: [Signature]
        let signatureVerified: NullableBool
    }

    /// A Bool that encodes `nil` as JSON null instead of leaving the key out.
    private struct NullableBool: Encodable {
        let value: Bool?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            if let value { try container.encode(value) } else { try container.encodeNil() }
        }
    }

    /// Header fields, keys and signatures as JSON; `signatureVerified` is null when no public key was given.
    public func inspectionJSON(signatureVerified: Bool?) throws -> Data {
        let inspection = Inspection(
            region: export.region, startTimestamp: export.startTimestamp, endTimestamp: export.endTimestamp,
            batchNumber: export.batchNumber, batchSize: export.batchSize, keyCount: export.keys.count,
            revisedKeyCount: export.revisedKeys.count, keys: export.keys.map(\.jsonForm),
            revisedKeys: export.revisedKeys.map(\.jsonForm),
            signatures: signatures.map {
                Inspection.Signature(
                    verificationKeyID: $0.info.verificationKeyID,
                    verificationKeyVersion: $0.info.verificationKeyVersion,
                    signatureAlgorithm: $0.info.signatureAlgorithm, batchNumber: $0.batchNumber,
                    batchSize: $0.batchSize, signature: Hex.encode($0.signature))
            },
            signatureVerified: NullableBool(value: signatureVerified))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(inspection)
    }

    /// An export of `keys` covering their validity span, so equal keys give equal bytes.
    public static func export(of keys: [DiagnosisKey], region: String) -> KeyExport {
        let start = keys.map { UInt64($0.rollingStartIntervalNumber.unixSeconds) }.min() ?? 0
        let end = keys.map { UInt64($0.rollingEnd) * UInt64(ENIntervalNumber.secondsPerInterval) }.max() ?? 0
        return KeyExport(startTimestamp: start, endTimestamp: end, region: region, keys: keys)
    }
}
