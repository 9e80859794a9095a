import Foundation
public import HealthServices

/// The two databases of a deployment: `health.sqlite` (people, bookings, records, audit) and
/// `exposure.sqlite` (diagnosis keys and exports, with no person ids by design).
public struct HealthStorage: Sendable {
    public let health: SQLiteDatabase
    public let exposure: SQLiteDatabase

    public static let healthFileName = "health.sqlite"
    public static let exposureFileName = "exposure.sqlite"

    /// Opens (and on first start creates) the data directory and both databases, migrating them. A database SQLite
    /// cannot open or migrate is a ``StoreError`` naming it.
    public init(_ storage: AppConfiguration.Storage) throws {
        switch storage {
        case .memory:
            health = try Self.open(.memory, SQLiteHealthSchema.migrations, name: Self.healthFileName)
            exposure = try Self.open(.memory, SQLiteExposureSchema.migrations, name: Self.exposureFileName)
        case .directory(let path):
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let directory = URL(fileURLWithPath: path, isDirectory: true)
            health = try Self.open(
                .file(path: directory.appendingPathComponent(Self.healthFileName).path), SQLiteHealthSchema.migrations,
                name: Self.healthFileName)
            do {
                exposure = try Self.open(
                    .file(path: directory.appendingPathComponent(Self.exposureFileName).path),
                    SQLiteExposureSchema.migrations, name: Self.exposureFileName)
            } catch {
                // Nothing has used it: its threads can end at once (see `SQLiteDatabase.close()`).
                health.readers?.shutDown()
                health.executor.shutDown()
                throw error
            }
        }
    }

    private static func open(_ location: SQLiteDatabase.Location, _ migrations: [Migration], name: String) throws
        -> SQLiteDatabase
    {
        do {
            return try SQLiteDatabase(location, migrations: migrations)
        } catch let error as SQLiteError {
            throw error.storeError(database: name)
        }
    }

    /// Ends both databases' background work, leaves their logs checkpointed and empty, and ends their threads:
    /// for a clean stop, after which nothing of the storage runs.
    public func close() async {
        await health.close()
        await exposure.close()
    }
}

/// One SQLite database as the readiness probe sees it: it must answer a read, and its last write must not have
/// failed for want of space unless room has come back since.
struct SQLiteDatabaseProbe: DatabaseProbe {
    let name: String
    let database: SQLiteDatabase

    func state() async -> DatabaseState {
        let answered = try? await database.read { try $0.queryFirst("SELECT 1") { try $0.get(0, as: Int.self) } }
        guard answered == 1 else { return .unreachable }
        return database.isOutOfSpace ? .full : .ok
    }
}
