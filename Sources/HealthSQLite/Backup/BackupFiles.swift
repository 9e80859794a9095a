import CryptoCore
import Foundation

/// The file work shared by backup and restore: listing, hashing, flushing, and the schema version of a copy.
enum BackupFiles {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The entries of `type` under `directory` (regular files, symbolic links, …), as `/`-separated paths relative
    /// to it, sorted.
    static func paths(under directory: URL, ofType type: FileAttributeType = .typeRegular) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory.standardizedFileURL.path) else {
            return []
        }
        var paths: [String] = []
        while let relative = walker.nextObject() as? String {
            if walker.fileAttributes?[.type] as? FileAttributeType == type { paths.append(relative) }
        }
        return paths.sorted()
    }

    /// The size of the file at `url` and the lower-case hex of its SHA-256, read in parts.
    static func sizeAndDigest(of url: URL) throws -> (Int64, String) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let hasher = SHA256.Hasher()
        var size: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { hasher.update($0) }
            size += Int64(chunk.count)
        }
        return (size, Hex.encode(hasher.finalize()))
    }

    /// Flushes the file or directory at `url` to disk (`fsync`).
    static func flush(_ url: URL) throws {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// Moves `source` to `destination` in one step (`rename`), replacing a file there, and flushes the directory so
    /// the move survives a crash.
    static func rename(_ source: URL, to destination: URL) throws {
        guard Foundation.rename(source.path, destination.path) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        try flush(destination.deletingLastPathComponent())
    }

    /// The last migration recorded in the database at `path`.
    static func schemaVersion(of path: String) throws -> Int {
        let connection = try SQLiteConnection(path: path, readOnly: true)
        return try connection.queryFirst("SELECT max(version) FROM schema_migrations") { try $0.get(0) } ?? 0
    }
}
