public import Foundation

/// What a backup archive holds, written into it as `manifest.json`: each file with its size and SHA-256, the schema
/// version of each database, and when it was taken. A restore checks every file against it.
public struct BackupManifest: Codable, Sendable, Equatable {
    /// The layout of the archive; a restore refuses one it does not know.
    public static let currentFormat = 1
    /// The entry of the archive that holds the manifest.
    static let entryName = "manifest.json"

    /// One file of the archive, as a restore checks it: the archive is refused as damaged when a listed file is missing
    /// or differs in size or SHA-256, or when it holds a file not listed.
    public struct File: Codable, Sendable, Equatable {
        /// Where the file goes in a data directory, `/`-separated.
        public let path: String
        public let size: Int64
        /// Lower-case hex.
        public let sha256: String
    }

    public let format: Int
    /// When the copy of the databases began, ISO 8601 in UTC.
    public let takenAt: String
    /// The last migration of each database copied, by file name (`health.sqlite`, `exposure.sqlite`).
    public let schemaVersions: [String: Int]
    public let files: [File]

    /// The manifest as the archive holds it: pretty-printed JSON with sorted keys.
    public func json() throws -> Data {
        try BackupFiles.encoder.encode(self)
    }
}

/// Why a backup or a restore refused, with a stable code for scripts.
public struct BackupError: Error, Sendable, CustomStringConvertible {
    /// Why it refused; the raw value is the stable code `healthctl` reports, for scripts to act on.
    public enum Code: String, Sendable {
        /// The archive is not a backup this build can read, or a file in it is missing or differs from its manifest.
        case damaged = "backup-damaged"
        /// A database in the archive has migrations this build does not know.
        case newerSchema = "backup-newer-schema"
        /// The directory to restore into already holds files.
        case targetNotEmpty = "restore-target-not-empty"
        /// The data directory has neither a database nor keys to back up.
        case nothingToBackUp = "backup-nothing-to-back-up"
        /// A key file is a symbolic link, which a backup would hold as a link to a file it does not hold.
        case notARegularFile = "backup-not-a-regular-file"
    }

    public let code: Code
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
