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
        // ZIPFoundation's in-memory reader traps on a central directory that points past the end of the data
        // (found by Fuzz/ExportFuzz); its file-backed reader reports such archives as errors, so read from a
        // private temporary file.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).zip")
        do {
            try zipData.write(to: file, options: [.atomic])
        } catch {
            throw ContactTracingError(.invalidArchive, "cannot stage the zip for reading: \(error)")
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let archive: Archive
        do {
            archive = try Archive(url: file, accessMode: .read)
        } catch {
            throw ContactTracingError(.invalidArchive, "not a zip archive: \(error)")
        }
        var entries: [String: Entry] = [:]
        for entry in archive {
            guard entry.path == Self.binName || entry.path == Self.sigName else {
                throw ContactTracingError(.unexpectedEntry, "unexpected entry \(entry.path.debugDescription)")
            }
            guard entry.type == .file, entries[entry.path] == nil else {
                throw ContactTracingError(.unexpectedEntry, "\(entry.path) is duplicated or not a file")
            }
            entries[entry.path] = entry
        }
        guard let bin = entries[Self.binName] else {
            throw ContactTracingError(.missingEntry, "zip has no export.bin")
        }
        guard let sig = entries[Self.sigName] else {
            throw ContactTracingError(.missingEntry, "zip has no export.sig")
        }
        try self.init(
            exportBin: Self.extract(bin, from: archive, limit: limits.maximumExportBinBytes),
            exportSig: Self.extract(sig, from: archive, limit: limits.maximumExportSigBytes),
            limits: limits)
    }

    private static func extract(_ entry: Entry, from archive: Archive, limit: Int) throws -> [UInt8] {
        guard entry.uncompressedSize <= UInt64(limit) else {
            throw ContactTracingError(.entryTooLarge, "\(entry.path) declares \(entry.uncompressedSize) bytes")
        }
        var bytes: [UInt8] = []
        do {
            _ = try archive.extract(entry, bufferSize: 16 << 10, skipCRC32: false) { chunk in
                guard bytes.count + chunk.count <= limit else {
                    throw ContactTracingError(.entryTooLarge, "\(entry.path) inflates past \(limit) bytes")
                }
                bytes.append(contentsOf: chunk)
            }
        } catch let error as ContactTracingError {
            throw error
        } catch {
            throw ContactTracingError(.invalidArchive, "\(entry.path): \(error)")
        }
        guard UInt64(bytes.count) == entry.uncompressedSize else {
            throw ContactTracingError(.invalidArchive, "\(entry.path) inflates to a size other than declared")
        }
        return bytes
    }
}
