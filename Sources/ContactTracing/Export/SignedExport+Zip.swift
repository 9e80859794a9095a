public import Foundation
import ZIPFoundation

/// The zip that carries export.bin and export.sig.
extension SignedExport {
    static let binName = "export.bin"
    static let sigName = "export.sig"
    /// Entry timestamps are fixed (2020-01-01T00:00:00Z) so the same export zips to the same bytes.
    static let entryDate = Date(timeIntervalSince1970: 1_577_836_800)

    /// The zip holding export.bin then export.sig, deflated, with fixed timestamps and permissions.
    public func zipData() throws -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for (name, bytes) in [(Self.binName, exportBin), (Self.sigName, exportSig)] {
                let data = Data(bytes)
                try archive.addEntry(
                    with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: Self.entryDate,
                    permissions: 0o644, compressionMethod: .deflate
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else {
                throw ContactTracingError(.invalidArchive, "in-memory archive has no data")
            }
            return data
        } catch let error as ContactTracingError {
            throw error
        } catch {
            throw ContactTracingError(.invalidArchive, "writing zip: \(error)")
        }
    }

    /// Reads an export zip: exactly the entries export.bin and export.sig, each within its size limit (also
    /// while inflating, so a zip bomb stops early), CRC-checked.
    public init(zipData: Data, limits: ExportLimits = .standard) throws {
        guard zipData.count <= limits.maximumArchiveBytes else {
            throw ContactTracingError(.entryTooLarge, "zip has \(zipData.count) bytes")
        }
        let zip = try ExportZipReader(Array(zipData))
        var entries: [String: ExportZipReader.Entry] = [:]
        for entry in zip.entries {
            guard entry.name == Self.binName || entry.name == Self.sigName else {
                throw ContactTracingError(.unexpectedEntry, "unexpected entry \(entry.name.debugDescription)")
            }
            guard entries[entry.name] == nil else {
                throw ContactTracingError(.unexpectedEntry, "\(entry.name) is duplicated")
            }
            entries[entry.name] = entry
        }
        guard let bin = entries[Self.binName] else {
            throw ContactTracingError(.missingEntry, "zip has no export.bin")
        }
        guard let sig = entries[Self.sigName] else {
            throw ContactTracingError(.missingEntry, "zip has no export.sig")
        }
        try self.init(
            exportBin: zip.contents(of: bin, limit: limits.maximumExportBinBytes),
            exportSig: zip.contents(of: sig, limit: limits.maximumExportSigBytes),
            limits: limits)
    }
}
