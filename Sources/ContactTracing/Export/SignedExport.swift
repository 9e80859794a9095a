public import CryptoCore
import Foundation
import SwiftProtobuf

/// A key export as published: export.bin, export.sig, and what they decode to.
public struct SignedExport: Hashable, Sendable {
    /// The exact export.bin bytes the signatures cover.
    public let exportBin: [UInt8]
    /// The exact export.sig bytes.
    public let exportSig: [UInt8]
    public let export: KeyExport
    public let signatures: [ExportSignature]

    /// Parses an export.bin and export.sig pair (signatures are not checked; see ``verify(with:)``).
    public init(exportBin: [UInt8], exportSig: [UInt8], limits: ExportLimits = .standard) throws {
        guard exportSig.count <= limits.maximumExportSigBytes else {
            throw ContactTracingError(.entryTooLarge, "export.sig has \(exportSig.count) bytes")
        }
        export = try KeyExport(exportBin: exportBin, limits: limits)
        let list: ExportProto_TEKSignatureList
        do {
            list = try ExportProto_TEKSignatureList(serializedBytes: exportSig, options: KeyExport.decodingOptions)
        } catch {
            throw ContactTracingError(.malformedProtobuf, "export.sig: \(error)")
        }
        guard !list.signatures.isEmpty else {
            throw ContactTracingError(.missingSignature, "export.sig holds no signature")
        }
        guard list.signatures.count <= limits.maximumSignatures else {
            throw ContactTracingError(.invalidExportField, "\(list.signatures.count) signatures")
        }
        signatures = list.signatures.map {
            ExportSignature(
                info: SignatureInfo(message: $0.signatureInfo), batchNumber: Int($0.batchNum),
                batchSize: Int($0.batchSize), signature: [UInt8]($0.signature))
        }
        self.exportBin = exportBin
        self.exportSig = exportSig
    }

    /// Signs `export` with `signingKey`: its signature infos become `[info]`, keys are sorted, and export.sig
    /// holds one ECDSA P-256 SHA-256 signature over all of export.bin.
    public static func sign(_ export: KeyExport, with signingKey: P256PrivateKey, info: SignatureInfo) throws
        -> SignedExport
    {
        try sign(export, with: [ExportSigner(key: signingKey, info: info)])
    }

    /// Signs `export` with each of `signers`, as the format allows during a key rollover: its signature infos
    /// become theirs, in order, keys are sorted, and export.sig holds one ECDSA P-256 SHA-256 signature over all of
    /// export.bin per signer, so apps configured with any one of the keys verify the file.
    public static func sign(_ export: KeyExport, with signers: [ExportSigner]) throws -> SignedExport {
        guard !signers.isEmpty else { throw ContactTracingError(.missingSignature, "an export needs a signing key") }
        for signer in signers where signer.info.signatureAlgorithm != SignatureInfo.ecdsaP256SHA256 {
            throw ContactTracingError(
                .invalidSignature, "cannot sign with algorithm \(signer.info.signatureAlgorithm)")
        }
        var signed = export
        signed.signatureInfos = signers.map(\.info)
        let exportBin = try signed.serializedExportBin()
        var list = ExportProto_TEKSignatureList()
        list.signatures = try signers.map { signer in
            var entry = ExportProto_TEKSignature()
            entry.signatureInfo = signer.info.message
            entry.batchNum = try KeyExport.int32(export.batchNumber, "batch number")
            entry.batchSize = try KeyExport.int32(export.batchSize, "batch size")
            do {
                entry.signature = Data(try signer.key.signature(for: exportBin).derRepresentation)
            } catch let error as CryptoError {
                throw ContactTracingError(.cryptoFailure, error.description)
            }
            return entry
        }
        let exportSig: [UInt8]
        do {
            exportSig = try list.serializedBytes()
        } catch {
            throw ContactTracingError(.malformedProtobuf, "serializing export.sig: \(error)")
        }
        return try SignedExport(exportBin: exportBin, exportSig: exportSig)
    }

    /// The first signature that verifies export.bin under `publicKey`; throws `signatureMismatch` when none does
    /// and `invalidSignature` when a signature is not DER or uses another algorithm.
    @discardableResult
    public func verify(with publicKey: P256PublicKey) throws -> ExportSignature {
        for entry in signatures {
            let algorithm = entry.info.signatureAlgorithm
            guard algorithm.isEmpty || algorithm == SignatureInfo.ecdsaP256SHA256 else {
                throw ContactTracingError(.invalidSignature, "unsupported signature algorithm \(algorithm)")
            }
            let signature: ECDSASignature
            do {
                signature = try ECDSASignature(derRepresentation: entry.signature)
            } catch {
                throw ContactTracingError(.invalidSignature, "signature is not DER ECDSA: \(error)")
            }
            if publicKey.isValidSignature(signature, for: exportBin) {
                return entry
            }
        }
        throw ContactTracingError(.signatureMismatch, "no signature in export.sig verifies export.bin")
    }
}

/// A key that signs exports, with the signature info apps look its public key up by.
public struct ExportSigner: Sendable {
    public let key: P256PrivateKey
    public let info: SignatureInfo

    public init(key: P256PrivateKey, info: SignatureInfo) {
        self.key = key
        self.info = info
    }
}
