import CryptoCore
import Foundation
import HealthPostgres
import HealthServices
import Logging
import PostgresNIO
import Testing

/// TLS to PostgreSQL as the URL's `sslmode` asks: the test cluster is given a CA and a server certificate for
/// `localhost` made here, then reached by name, by address and with another CA.
@Suite(.serialized) struct PostgresTLSTests {
    static let logger = Logger(label: "tls-test") { _ in SwiftLogNoOpLogHandler() }

    @Test func verifyFullConnectsToTheNamedServerAndRefusesAnyOther() async throws {
        let cluster = try Self.clusterLocation()
        let files = try await TLSCluster.enable(on: cluster)
        defer { try? FileManager.default.removeItem(at: files.directory) }
        let port = cluster.port
        func url(_ host: String, _ query: String) throws -> PostgresLocation {
            try #require(PostgresLocation(url: "postgres://health@\(host):\(port)/postgres?\(query)", password: nil))
        }

        let named = try url("localhost", "sslmode=verify-full&sslrootcert=\(files.authority.path)")
        #expect(named.description.hasSuffix("?sslmode=verify-full&sslrootcert=\(files.authority.path)"))
        #expect(try await Self.encrypted(named) == true)
        #expect(try await Self.encrypted(try url("127.0.0.1", "sslmode=require")) == true)
        #expect(try await Self.encrypted(try url("127.0.0.1", "sslmode=verify-ca&sslrootcert=\(files.authority.path)")))

        for refused in [
            try url("127.0.0.1", "sslmode=verify-full&sslrootcert=\(files.authority.path)"),  // not the name it holds
            try url("localhost", "sslmode=verify-full&sslrootcert=\(files.otherAuthority.path)"),  // another CA
        ] {
            await #expect(throws: StoreError.self, "\(refused)") {
                _ = try await Self.encrypted(refused, wait: .seconds(5))
            }
        }
    }

    @Test func urlsOnlyTakeTheTLSParametersLibpqNames() throws {
        let base = "postgres://health@db.example:5432/health"
        #expect(PostgresLocation(url: base, password: nil)?.tls == .disabled)
        #expect(
            PostgresLocation(url: base + "?sslmode=verify-full&sslrootcert=/etc/ca.pem", password: nil)?.tls.mode
                == .verifyFull)
        for bad in [
            "?sslmode=prefer", "?sslmode=", "?sslrootcert=/etc/ca.pem", "?sslmode=disable&sslrootcert=/etc/ca.pem",
            "?sslmode=require&sslmode=disable", "?sslmode=require&password=x", "?application_name=x",
        ] {
            #expect(PostgresLocation(url: base + bad, password: nil) == nil, "\(bad)")
        }
    }

    /// Whether the session `location` opens is encrypted, as the server sees it; a connection that cannot be made
    /// throws after `wait` (long enough for a cluster busy with every other suite).
    static func encrypted(_ location: PostgresLocation, wait: Duration = .seconds(60)) async throws -> Bool {
        let database = HealthPostgres.PostgresDatabase(location, connectionWait: wait, logger: logger)
        let pool = Task { await database.run() }
        defer { pool.cancel() }
        return try await database.read { session in
            var encrypted = false
            let rows = try await session.connection.query(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: logger)
            for try await ssl in rows.decode(Bool.self) { encrypted = ssl }
            return encrypted
        }
    }

    static func clusterLocation() throws -> PostgresLocation {
        guard let url = ProcessInfo.processInfo.environment[PostgresTestDatabase.urlVariable],
            let location = PostgresLocation(url: url, password: nil)
        else {
            throw HarnessError("\(PostgresTestDatabase.urlVariable) is not set: run the tests with make test")
        }
        return location
    }
}

/// The test cluster serving TLS with a certificate for `localhost` from a CA made for the test.
struct TLSCluster {
    let directory: URL
    /// The CA that issued the server's certificate.
    let authority: URL
    /// A CA that issued nothing the server holds.
    let otherAuthority: URL

    /// Writes the CA, the server's certificate and key (owned by the cluster's user, as PostgreSQL requires), and
    /// turns TLS on with a configuration reload; plain connections keep working.
    static func enable(on cluster: PostgresLocation) async throws -> TLSCluster {
        let now = Date()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pg-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        func authority(_ name: String) throws -> (P256PrivateKey, X509Certificate) {
            let key = try P256PrivateKey()
            let certificate = try X509Certificate.selfSignedCA(
                subject: CertificateSubject(commonName: name, country: "BH", organization: "Health Services Tests"),
                key: key, validFrom: now.addingTimeInterval(-3600), validUntil: now.addingTimeInterval(86_400))
            return (key, certificate)
        }
        let (caKey, ca) = try authority("Test PostgreSQL CA")
        let (_, other) = try authority("Another CA")
        let serverKey = try P256PrivateKey()
        let server = try X509Certificate.signed(
            subject: CertificateSubject(commonName: "localhost", country: "BH", organization: "Health Services Tests"),
            publicKey: serverKey.publicKey, issuer: ca, issuerKey: caKey, extendedKeyUsages: ["1.3.6.1.5.5.7.3.1"],
            validFrom: now.addingTimeInterval(-3600), validUntil: now.addingTimeInterval(86_400))
        let files = TLSCluster(
            directory: directory, authority: directory.appendingPathComponent("ca.pem"),
            otherAuthority: directory.appendingPathComponent("other-ca.pem"))
        try Data(ca.pemRepresentation.utf8).write(to: files.authority)
        try Data(other.pemRepresentation.utf8).write(to: files.otherAuthority)
        let certificateFile = directory.appendingPathComponent("server.crt")
        let keyFile = directory.appendingPathComponent("server.key")
        try Data(server.pemRepresentation.utf8).write(to: certificateFile)
        try Data(serverKey.pemRepresentation.utf8).write(to: keyFile)

        let admin = HealthPostgres.PostgresDatabase(
            cluster, connectionWait: .seconds(60), logger: PostgresTLSTests.logger)
        let pool = Task { await admin.run() }
        defer { pool.cancel() }
        let dataDirectory = try await admin.read { session in
            var path = ""
            for try await value in try await session.connection.query(
                "SHOW data_directory", logger: PostgresTLSTests.logger
            )
            .decode(String.self) { path = value }
            return path
        }
        let owner = try FileManager.default.attributesOfItem(atPath: dataDirectory)
        try FileManager.default.setAttributes(
            [
                .ownerAccountID: owner[.ownerAccountID] as Any,
                .groupOwnerAccountID: owner[.groupOwnerAccountID] as Any,
                .posixPermissions: 0o600,
            ], ofItemAtPath: keyFile.path)
        try await admin.client.query("ALTER SYSTEM SET ssl_cert_file TO '\(unescaped: certificateFile.path)'")
        try await admin.client.query("ALTER SYSTEM SET ssl_key_file TO '\(unescaped: keyFile.path)'")
        try await admin.client.query("ALTER SYSTEM SET ssl TO on")
        try await admin.client.query("SELECT pg_reload_conf()")
        for _ in 0..<50 {
            let on = try await admin.read { session in
                var value = ""
                for try await setting in try await session.connection.query("SHOW ssl", logger: PostgresTLSTests.logger)
                    .decode(String.self)
                { value = setting }
                return value == "on"
            }
            if on { return files }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw HarnessError("the test cluster did not turn TLS on; see its server.log")
    }
}
