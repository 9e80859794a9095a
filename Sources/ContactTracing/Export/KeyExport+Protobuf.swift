import Foundation
import SwiftProtobuf

/// export.bin: the 16-byte header followed by a serialized `TemporaryExposureKeyExport` (key export file
/// format, "Export file").
extension KeyExport {
    /// "EK Export v1" padded with spaces to 16 bytes.
    public static let header = Array("EK Export v1    ".utf8)

    /// The export.bin bytes: header, then the protobuf with keys sorted by key data so equal inputs give equal
    /// bytes.
    public func serializedExportBin() throws -> [UInt8] {
        var message = ExportProto_TemporaryExposureKeyExport()
        message.startTimestamp = startTimestamp
        message.endTimestamp = endTimestamp
        message.region = region
        message.batchNum = try Self.int32(batchNumber, "batch number")
        message.batchSize = try Self.int32(batchSize, "batch size")
        message.signatureInfos = signatureInfos.map(\.message)
        message.keys = Self.sorted(keys).map(\.message)
        message.revisedKeys = Self.sorted(revisedKeys).map(\.message)
        let body: [UInt8]
        do {
            body = try message.serializedBytes()
        } catch {
            throw ContactTracingError(.malformedProtobuf, "serializing export: \(error)")
        }
        return Self.header + body
    }

    /// Parses export.bin; throws `invalidHeader`, `malformedProtobuf`, `invalidExportField` or a key error.
    public init(exportBin: [UInt8], limits: ExportLimits = .standard) throws {
        guard exportBin.count <= limits.maximumExportBinBytes else {
            throw ContactTracingError(.entryTooLarge, "export.bin has \(exportBin.count) bytes")
        }
        guard exportBin.count >= Self.header.count, Array(exportBin.prefix(Self.header.count)) == Self.header else {
            throw ContactTracingError(.invalidHeader, "export.bin does not start with \"EK Export v1\"")
        }
        let message: ExportProto_TemporaryExposureKeyExport
        do {
            message = try ExportProto_TemporaryExposureKeyExport(
                serializedBytes: Array(exportBin[Self.header.count...]), options: Self.decodingOptions)
        } catch {
            throw ContactTracingError(.malformedProtobuf, "export.bin: \(error)")
        }
        guard message.region.utf8.count <= limits.maximumRegionBytes else {
            throw ContactTracingError(.invalidExportField, "region has \(message.region.utf8.count) bytes")
        }
        guard message.signatureInfos.count <= limits.maximumSignatures else {
            throw ContactTracingError(.invalidExportField, "\(message.signatureInfos.count) signature infos")
        }
        guard message.batchNum >= 1, message.batchSize >= message.batchNum else {
            throw ContactTracingError(
                .invalidExportField, "batch \(message.batchNum) of \(message.batchSize) is not 1-based within the size")
        }
        self.init(
            startTimestamp: message.startTimestamp, endTimestamp: message.endTimestamp, region: message.region,
            batchNumber: Int(message.batchNum), batchSize: Int(message.batchSize),
            signatureInfos: message.signatureInfos.map(SignatureInfo.init(message:)),
            keys: try Self.keys(message.keys, "keys"), revisedKeys: try Self.keys(message.revisedKeys, "revised_keys"))
    }

    static let decodingOptions: BinaryDecodingOptions = {
        var options = BinaryDecodingOptions()
        options.discardUnknownFields = true
        options.messageDepthLimit = 8
        return options
    }()

    private static func keys(_ messages: [ExportProto_TemporaryExposureKey], _ field: String) throws -> [DiagnosisKey] {
        try messages.enumerated().map { index, message in
            do {
                return try DiagnosisKey(message: message)
            } catch let error as ContactTracingError {
                throw ContactTracingError(error.code, "\(field)[\(index)]: \(error.reason)")
            }
        }
    }

    private static func sorted(_ keys: [DiagnosisKey]) -> [DiagnosisKey] {
        keys.sorted { lhs, rhs in
            if lhs.key.keyData != rhs.key.keyData {
                return lhs.key.keyData.lexicographicallyPrecedes(rhs.key.keyData)
            }
            return (lhs.rollingStartIntervalNumber.rawValue, lhs.rollingPeriod)
                < (rhs.rollingStartIntervalNumber.rawValue, rhs.rollingPeriod)
        }
    }

    static func int32(_ value: Int, _ name: String) throws -> Int32 {
        guard let narrow = Int32(exactly: value) else {
            throw ContactTracingError(.invalidExportField, "\(name) \(value) does not fit 32 bits")
        }
        return narrow
    }
}

extension SignatureInfo {
    init(message: ExportProto_SignatureInfo) {
        self.init(
            verificationKeyVersion: message.verificationKeyVersion, verificationKeyID: message.verificationKeyID,
            signatureAlgorithm: message.signatureAlgorithm)
    }

    var message: ExportProto_SignatureInfo {
        var message = ExportProto_SignatureInfo()
        message.verificationKeyVersion = verificationKeyVersion
        message.verificationKeyID = verificationKeyID
        message.signatureAlgorithm = signatureAlgorithm
        return message
    }
}

extension DiagnosisKey {
    init(message: ExportProto_TemporaryExposureKey) throws {
        guard message.rollingStartIntervalNumber >= 0 else {
            throw ContactTracingError(.invalidIntervalNumber, "rolling start \(message.rollingStartIntervalNumber)")
        }
        try self.init(
            key: TemporaryExposureKey(keyData: [UInt8](message.keyData)),
            rollingStartIntervalNumber: ENIntervalNumber(rawValue: UInt32(message.rollingStartIntervalNumber)),
            rollingPeriod: Int(message.rollingPeriod),
            transmissionRiskLevel: Int(message.transmissionRiskLevel),
            reportType: ReportType(validating: message.reportType.rawValue),
            daysSinceOnsetOfSymptoms: message.hasDaysSinceOnsetOfSymptoms ? Int(message.daysSinceOnsetOfSymptoms) : nil)
    }

    var message: ExportProto_TemporaryExposureKey {
        var message = ExportProto_TemporaryExposureKey()
        message.keyData = Data(key.keyData)
        message.transmissionRiskLevel = Int32(transmissionRiskLevel)
        message.rollingStartIntervalNumber = Int32(rollingStartIntervalNumber.rawValue)
        message.rollingPeriod = Int32(rollingPeriod)
        if reportType != .unknown, let type = ExportProto_TemporaryExposureKey.ReportType(rawValue: reportType.rawValue)
        {
            message.reportType = type
        }
        if let days = daysSinceOnsetOfSymptoms {
            message.daysSinceOnsetOfSymptoms = Int32(days)
        }
        return message
    }
}
