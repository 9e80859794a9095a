import ArgumentParser
import Foundation
import HealthSQLite
import HealthServices

/// `healthctl backup`: an online backup of a SQLite data directory (both databases and the keys) as one archive.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up a data directory (databases and keys) into one archive while the server runs.",
        discussion: """
            Each SQLite database is copied as one consistent snapshot (every commit made before the copy began) \
            without pausing the server's writes; the keys are copied file by file. The archive is a ZIP with \
            manifest.json: each file's size and SHA-256, each database's schema version, and when it was taken. \
            It appears at --to only once it is whole and on disk. With PostgreSQL the databases are backed up with \
            pg_dump or pg_basebackup (see docs/operations.md); this command then saves the keys.
            """
    )

    @Option(name: .long, help: "The data directory to back up.")
    var data: String = "./data"

    @Option(name: .long, help: "The archive to write (replaced if it exists).")
    var to: String

    @Flag(name: .long, help: "Print the manifest as JSON.")
    var json = false

    func run() async throws {
        do {
            let manifest = try DataDirectoryBackup.write(dataDirectory: data, to: to, now: WallClock.system.now())
            try BackupSummary(manifest).print(json: json, verb: "backed up to \(to)")
        } catch {
            CommandFailure(error).exit()
        }
    }
}

/// `healthctl restore`: a backup archive unpacked into a new data directory, checked before it is put in place.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup archive into a new data directory.",
        discussion: """
            Refuses an archive that is damaged (a file missing, extra or differing from the manifest, a database \
            failing PRAGMA integrity_check) or whose databases are newer than this build, and a --data directory \
            that already holds files; nothing is left at --data then. Run healthctl audit verify --data DIR on the \
            restored directory before serving it.
            """
    )

    @Option(name: .long, help: "The archive written by healthctl backup.")
    var from: String

    @Option(name: .long, help: "The new data directory (absent or empty).")
    var data: String

    @Flag(name: .long, help: "Print the manifest as JSON.")
    var json = false

    func run() async throws {
        do {
            try InputFile.checkReadable(from, option: "--from")
            let manifest = try DataDirectoryRestore.restore(from: from, into: data)
            try BackupSummary(manifest).print(json: json, verb: "restored into \(data)")
        } catch {
            CommandFailure(error).exit()
        }
    }
}

/// What backup and restore print: the manifest as JSON, or one line per database and a count of the key files.
struct BackupSummary {
    let manifest: BackupManifest

    init(_ manifest: BackupManifest) {
        self.manifest = manifest
    }

    func print(json: Bool, verb: String) throws {
        if json {
            Swift.print(String(decoding: try manifest.json(), as: UTF8.self))
            return
        }
        Swift.print("\(verb): taken at \(manifest.takenAt)")
        for (name, version) in manifest.schemaVersions.sorted(by: { $0.key < $1.key }) {
            let size = manifest.files.first { $0.path == name }?.size ?? 0
            Swift.print("  \(name): migration \(version), \(size) bytes")
        }
        Swift.print("  key files: \(manifest.files.filter { $0.path.hasPrefix("keys/") }.count)")
    }
}
