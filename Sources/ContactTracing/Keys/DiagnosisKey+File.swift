public import Foundation

extension DiagnosisKey {
    /// Keys from a file's bytes: an export zip (read, not verified) or a JSON key list.
    public static func decodeKeyFile(_ data: Data, limits: ExportLimits = .standard) throws -> [DiagnosisKey] {
        if data.starts(with: [0x50, 0x4b, 0x03, 0x04]) {
            let export = try SignedExport(zipData: data, limits: limits).export
            return export.keys + export.revisedKeys
        }
        return try decodeJSONList(data)
    }
}
