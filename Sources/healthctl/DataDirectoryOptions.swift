import ArgumentParser
import Certificates
import Foundation
import HealthPostgres
import HealthSQLite
import HealthServices
import Logging

/// Where a command finds its data: the data directory (keys, and the SQLite databases), or PostgreSQL for the
/// databases. Every command that opens the databases shares these options.
struct DataDirectoryOptions: ParsableArguments {
    @Option(name: .long, help: "The data directory holding the keys, and the databases unless --database is given.")
    var data: String = "./data"

    @Option(
        name: .long,
        help: """
            A PostgreSQL database to keep the data in instead of SQLite files: postgres://USER@HOST:PORT/DB, with \
            ?sslmode=require|verify-ca|verify-full[&sslrootcert=CA.pem] for TLS. The password comes from \
            HEALTH_DATABASE_PASSWORD (or PGPASSWORD), never from the URL.
            """)
    var database: String?

    @Option(
        name: .long,
        help: "A PostgreSQL database of its own for the key server's keys and exports (default: --database).")
    var exposureDatabase: String?

    @Option(
        name: .long,
        help: """
            Seconds a request waits for a PostgreSQL connection while the server cannot be reached, before it is \
            refused as database-unavailable (0.1 to 60).
            """)
    var databaseWait: Double = 2

    /// The environment variables the database password is read from, first set first.
    static let passwordVariables = ["HEALTH_DATABASE_PASSWORD", "PGPASSWORD"]

    func validate() throws {
        for (name, url) in [("--database", database), ("--exposure-database", exposureDatabase)] {
            guard let url else { continue }
            guard let location = PostgresLocation(url: url, password: nil) else {
                throw ValidationError(
                    "\(name) must be postgres://USER@HOST[:PORT]/DB[?sslmode=MODE[&sslrootcert=FILE]], with no "
                        + "password (set HEALTH_DATABASE_PASSWORD); MODE is disable, require, verify-ca or verify-full."
                )
            }
            if let root = location.tls.rootCertificateFile, !FileManager.default.isReadableFile(atPath: root) {
                throw ValidationError("\(name): sslrootcert \(root) is not a readable file.")
            }
        }
        if exposureDatabase != nil, database == nil {
            throw ValidationError("--exposure-database needs --database.")
        }
        guard (0.1...60).contains(databaseWait) else {
            throw ValidationError("--database-wait must be between 0.1 and 60 seconds.")
        }
    }

    /// What the data is kept in, for messages: the database URL (which holds no password), or the directory.
    var storageDescription: String {
        database.map { "database: \($0)" } ?? "data: \(data)"
    }

    /// The PostgreSQL databases `--database` names, with the password from the environment; nil for SQLite.
    func postgresStorage(logger: Logger) -> PostgresStorage? {
        let password = Self.passwordVariables.lazy.compactMap { ProcessInfo.processInfo.environment[$0] }.first
        guard let database, let health = PostgresLocation(url: database, password: password) else { return nil }
        let exposure = exposureDatabase.flatMap { PostgresLocation(url: $0, password: password) }
        return PostgresStorage(
            health: health, exposure: exposure, connectionWait: .milliseconds(Int(databaseWait * 1000)), logger: logger)
    }

    /// Runs `body` with the services on the named storage, and returns what it returns. On PostgreSQL the
    /// connection pools run beside `body` and the schemas are migrated first; the pools stop when `body` returns.
    /// SQLite's databases are closed when `body` returns, their logs checkpointed and emptied. So nothing of the
    /// storage runs after this returns, however `body` ends.
    func withServices<T>(
        issuer: AppConfiguration.Issuer = .init(), exposure: ExposureConfiguration = .init(),
        orderPolicy: OrderPolicy = .init(), logger: Logger, _ body: (HealthServiceSet) async throws -> T
    ) async throws -> T {
        guard let storage = postgresStorage(logger: logger) else {
            let storage = try HealthStorage(.directory(data))
            do {
                try await refuseNewKeys(beside: HealthStores(sqlite: storage))
                let services = try HealthServiceSet(
                    sqlite: storage, keys: .directory(data), issuer: issuer, exposure: exposure,
                    orderPolicy: orderPolicy)
                _ = try await services.exposureVerification.sealCodesLeftInClear()
                let result = try await body(services)
                await storage.close()
                return result
            } catch {
                await storage.close()
                throw error
            }
        }
        return try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await storage.run() }
            defer { group.cancelAll() }
            try await storage.migrate()
            try await refuseNewKeys(beside: HealthStores(postgres: storage))
            let services = try HealthServiceSet(
                postgres: storage, keys: .directory(data), issuer: issuer, exposure: exposure,
                orderPolicy: orderPolicy)
            _ = try await services.exposureVerification.sealCodesLeftInClear()
            return try await body(services)
        }
    }

    /// A data directory without signing keys, beside databases that hold records.
    struct KeysMissing: Error {
        let message: String
    }

    /// Keys missing from the data directory are made on first use, which is right for a new deployment only. Beside
    /// databases that hold records, a wrong `--data` (mistyped, or left off with `--database`) would sign and seal
    /// with keys of a new deployment that no verifier trusts and no other server holds: codes sealed with a stranger
    /// secret could never be read back. Refused before any key is made.
    private func refuseNewKeys(beside stores: HealthStores) async throws {
        guard !SignerKeyStore(directory: URL(fileURLWithPath: data, isDirectory: true)).hasKeys,
            try await stores.audit.holdsEntries()
        else { return }
        throw KeysMissing(
            message: "\(data) holds no signing keys, but the database holds records: is --data the deployment's data "
                + "directory? (its keys/ signs and seals what the database holds)")
    }
}
