import CryptoCore
import Foundation
public import HealthServices
import ZIPFoundation

/// An online backup of a data directory: both SQLite databases and the keys, as one ZIP archive with a manifest (only
/// the keys for a deployment whose databases are on PostgreSQL, which has its own backup tools).
///
/// Each database is copied with `VACUUM INTO` on a read-only connection of its own, so the copy is one consistent
/// snapshot holding every commit made before it began, and the server's writes go on meanwhile (a WAL reader blocks
/// no writer). The two databases are copied one after the other: they are independent by design (the exposure
/// database holds no person ids). The archive is written beside its destination, flushed to disk and then renamed
/// into place, so a file at the destination is always a whole archive.
public enum DataDirectoryBackup {
    /// The databases of a data directory, with the migrations this build knows for each.
    static let databases = [
        (name: HealthStorage.healthFileName, migrations: SQLiteHealthSchema.migrations),
        (name: HealthStorage.exposureFileName, migrations: SQLiteExposureSchema.migrations),
    ]
    /// The folder of the data directory holding the keys, copied file by file.
    static let keysFolder = "keys"

    /// How old the leftovers of an interrupted backup must be before a later backup beside them removes them:
    /// longer than any backup still running takes, and shorter than a day, so the next nightly backup removes them.
    static let leftoverAge: TimeInterval = 6 * 3600

    /// Writes the backup of `dataDirectory` to `archive` and returns its manifest.
    public static func write(dataDirectory: String, to archive: String, now: Timestamp) throws -> BackupManifest {
        let fileManager = FileManager.default
        let source = URL(fileURLWithPath: dataDirectory, isDirectory: true)
        let destination = URL(fileURLWithPath: archive)
        removeLeftovers(in: destination.deletingLastPathComponent(), olderThan: now.foundationDate - leftoverAge)
        let staging = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).staging", isDirectory: true)
        // The copies hold the private keys and everyone's records: readable by the owner only, as the archive.
        try fileManager.createDirectory(
            at: staging, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? fileManager.removeItem(at: staging) }

        var versions: [String: Int] = [:]
        for database in databases {
            let path = source.appendingPathComponent(database.name).path
            guard fileManager.fileExists(atPath: path) else { continue }
            versions[database.name] = try copy(database: path, to: staging.appendingPathComponent(database.name).path)
        }
        // A keys folder kept elsewhere behind a link is copied from where it is.
        let keys = source.appendingPathComponent(keysFolder, isDirectory: true).resolvingSymlinksInPath()
        if fileManager.fileExists(atPath: keys.path) {
            let copied = staging.appendingPathComponent(keysFolder, isDirectory: true)
            try fileManager.copyItem(at: keys, to: copied)
            if let link = BackupFiles.paths(under: copied, ofType: .typeSymbolicLink).first {
                throw BackupError(
                    .notARegularFile,
                    "\(keysFolder)/\(link) is a symbolic link: a backup holds the key files themselves, so put the file "
                        + "there, not a link to it")
            }
        } else if versions.isEmpty {
            throw BackupError(.nothingToBackUp, "\(dataDirectory) holds neither databases nor keys")
        }
        let files = try BackupFiles.paths(under: staging).map { path in
            let url = staging.appendingPathComponent(path)
            let (size, digest) = try BackupFiles.sizeAndDigest(of: url)
            return BackupManifest.File(path: path, size: size, sha256: digest)
        }
        let manifest = BackupManifest(
            format: BackupManifest.currentFormat, takenAt: now.iso8601, schemaVersions: versions, files: files)

        let partial = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).partial")
        defer { try? fileManager.removeItem(at: partial) }
        // The archive's file is closed when it goes out of scope, writing what it still buffers, before the flush.
        do {
            let zip = try Archive(url: partial, accessMode: .create)
            guard chmod(partial.path, 0o600) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            let manifestData = try manifest.json()
            try zip.addEntry(
                with: BackupManifest.entryName, type: .file, uncompressedSize: Int64(manifestData.count),
                compressionMethod: .deflate
            ) { position, size in
                manifestData.subdata(in: Int(position)..<Int(position) + size)
            }
            for file in files {
                try zip.addEntry(with: file.path, relativeTo: staging, compressionMethod: .deflate)
            }
        }
        try BackupFiles.flush(partial)
        try readBack(partial, manifest)
        try BackupFiles.rename(partial, to: destination)
        return manifest
    }

    /// Opens the archive just written and finds the manifest and every file in it at its size: the archive's last
    /// bytes are written as it closes, where a failure (a full disk) goes unreported, and a backup found damaged
    /// only when it is needed is no backup.
    static func readBack(_ archive: URL, _ manifest: BackupManifest) throws {
        guard let zip = try? Archive(url: archive, accessMode: .read), zip[BackupManifest.entryName] != nil else {
            throw BackupError(.damaged, "the archive written does not read back; nothing was backed up")
        }
        for file in manifest.files where zip[file.path]?.uncompressedSize != UInt64(file.size) {
            throw BackupError(.damaged, "\(file.path) does not read back from the archive; nothing was backed up")
        }
    }

    /// Removes the staging folders and partial archives that backups killed midway (a timeout, the OOM killer, a
    /// power cut) left in `directory`, which their cleanup never reached: copies of both databases and the private
    /// keys, unencrypted, where the archives are copied off site from. Only those older than `cutoff`, so that a
    /// backup running beside this one keeps its own.
    static func removeLeftovers(in directory: URL, olderThan cutoff: Date) {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where isLeftover(name) {
            let url = directory.appendingPathComponent(name)
            guard let modified = try? fileManager.attributesOfItem(atPath: url.path)[.modificationDate] as? Date,
                modified < cutoff
            else { continue }
            try? fileManager.removeItem(at: url)
        }
    }

    /// Whether `name` is one a backup gives its staging folder or partial archive: `.NAME.UUID.staging` or
    /// `.NAME.UUID.partial`.
    static func isLeftover(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard name.hasPrefix("."), parts.count >= 4, ["staging", "partial"].contains(parts[parts.count - 1]) else {
            return false
        }
        return UUID(uuidString: String(parts[parts.count - 2])) != nil
    }

    /// Copies the database at `path` to `copyPath` as one snapshot and returns the copy's last migration.
    static func copy(database path: String, to copyPath: String) throws -> Int {
        let connection = try SQLiteConnection(path: path, readOnly: true)
        try connection.execute("PRAGMA busy_timeout = 10000")
        _ = try connection.run("VACUUM INTO ?", copyPath)
        return try BackupFiles.schemaVersion(of: copyPath)
    }
}
