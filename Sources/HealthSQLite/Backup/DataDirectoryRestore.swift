import Foundation
import ZIPFoundation

/// Restores a backup archive (see ``DataDirectoryBackup``) into a new data directory, refusing an archive that is
/// damaged, unknown or from a newer schema before anything is left at the destination.
///
/// The archive is unpacked beside the destination, every file is checked against the manifest (no file missing,
/// none extra, each of its size and SHA-256), each database must pass `PRAGMA integrity_check` and record the
/// schema version the manifest gives, and only then is the directory renamed into place. A database from an older
/// schema is restored as it is; the server brings it up to date when it opens it.
public enum DataDirectoryRestore {
    public static func restore(from archive: String, into dataDirectory: String) throws -> BackupManifest {
        let fileManager = FileManager.default
        let destination = URL(fileURLWithPath: dataDirectory, isDirectory: true)
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: destination.path, isDirectory: &isDirectory),
            !isDirectory.boolValue || (try? fileManager.contentsOfDirectory(atPath: destination.path))?.isEmpty != true
        {
            throw BackupError(
                .targetNotEmpty, "\(dataDirectory) is not an empty directory; restore into a new directory")
        }
        let zip: Archive
        do {
            zip = try Archive(url: URL(fileURLWithPath: archive), accessMode: .read)
        } catch {
            throw BackupError(.damaged, "\(archive) is not a readable archive: \(error)")
        }
        let manifest = try readManifest(zip)
        for (name, version) in manifest.schemaVersions {
            guard let known = DataDirectoryBackup.databases.first(where: { $0.name == name }) else {
                throw BackupError(.damaged, "the manifest names an unknown database \(name)")
            }
            guard version <= known.migrations.count else {
                throw BackupError(
                    .newerSchema,
                    "\(name) is at migration \(version), this build knows \(known.migrations.count): restore it with "
                        + "the release that took it, or a newer one")
            }
        }

        let staging = destination.deletingLastPathComponent()
            .appendingPathComponent(
                ".\(destination.lastPathComponent).\(UUID().uuidString).restoring", isDirectory: true)
        // It fills with the private keys and everyone's records before their own modes are set: owner only.
        try fileManager.createDirectory(
            at: staging, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? fileManager.removeItem(at: staging) }
        try unpack(zip, manifest, into: staging)
        for (name, version) in manifest.schemaVersions {
            try check(database: staging.appendingPathComponent(name).path, name: name, version: version)
        }
        for file in manifest.files {
            try BackupFiles.flush(staging.appendingPathComponent(file.path))
        }
        // Only an empty directory gives way: whatever was written there meanwhile stays, and nothing is restored.
        if rmdir(destination.path) != 0, errno != ENOENT {
            throw BackupError(
                .targetNotEmpty,
                "\(dataDirectory) is no longer an empty directory (\(String(cString: strerror(errno)))); nothing was "
                    + "restored")
        }
        try BackupFiles.rename(staging, to: destination)
        return manifest
    }

    static func readManifest(_ zip: Archive) throws -> BackupManifest {
        guard let entry = zip[BackupManifest.entryName], entry.type == .file, entry.uncompressedSize < 16 << 20 else {
            throw BackupError(.damaged, "the archive has no \(BackupManifest.entryName)")
        }
        var data = Data()
        do {
            _ = try zip.extract(entry, skipCRC32: false) { data.append($0) }
        } catch {
            throw BackupError(.damaged, "\(BackupManifest.entryName) cannot be read: \(error)")
        }
        guard let manifest = try? JSONDecoder().decode(BackupManifest.self, from: data) else {
            throw BackupError(.damaged, "\(BackupManifest.entryName) is not a backup manifest")
        }
        guard manifest.format == BackupManifest.currentFormat else {
            throw BackupError(.damaged, "the archive's format \(manifest.format) is not one this build reads")
        }
        return manifest
    }

    /// Extracts exactly the manifest's files into `directory`, checking each one's CRC, size and SHA-256.
    static func unpack(_ zip: Archive, _ manifest: BackupManifest, into directory: URL) throws {
        let listed = Set(manifest.files.map(\.path))
        for entry in zip where entry.path != BackupManifest.entryName {
            guard entry.type == .file, listed.contains(entry.path) else {
                throw BackupError(.damaged, "the archive holds \(entry.path), which its manifest does not list")
            }
        }
        for file in manifest.files {
            guard !file.path.hasPrefix("/"), !file.path.split(separator: "/").contains(".."), let entry = zip[file.path]
            else {
                throw BackupError(.damaged, "the archive lacks \(file.path)")
            }
            guard entry.uncompressedSize == file.size else {
                throw BackupError(
                    .damaged, "\(file.path) is \(entry.uncompressedSize) bytes, its manifest says \(file.size)")
            }
            let target = directory.appendingPathComponent(file.path)
            do {
                _ = try zip.extract(entry, to: target, skipCRC32: false)
            } catch {
                throw BackupError(.damaged, "\(file.path) cannot be extracted: \(error)")
            }
            let (size, digest) = try BackupFiles.sizeAndDigest(of: target)
            guard size == file.size, digest == file.sha256 else {
                throw BackupError(.damaged, "\(file.path) differs from the manifest (size or SHA-256)")
            }
        }
    }

    /// Checks a restored database's structure and that it records the migration its manifest gives.
    static func check(database path: String, name: String, version: Int) throws {
        let connection = try SQLiteConnection(path: path, readOnly: true)
        let verdict = try connection.query("PRAGMA integrity_check") { try $0.get(0, as: String.self) }
        guard verdict == ["ok"] else {
            throw BackupError(
                .damaged, "\(name) fails its integrity check: \(verdict.prefix(3).joined(separator: "; "))")
        }
        guard try BackupFiles.schemaVersion(of: path) == version else {
            throw BackupError(.damaged, "\(name) is not at migration \(version) as its manifest says")
        }
    }
}
