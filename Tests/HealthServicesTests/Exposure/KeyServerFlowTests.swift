import ContactTracing
import CryptoCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import HealthAPI
@testable import HealthSQLite
@testable import HealthServices

/// The key server end to end over real HTTP: a citizen tests positive, their phone uploads its keys through
/// verify, certificate and publish; the export job runs; a second phone downloads the newest export, checks
/// its signature and finds the exposure. Along the way every refusal and chaff; at the end, what
/// `exposure.sqlite` holds.
@Suite struct KeyServerFlowTests {
    static let nationalID = "880412345"
    static let name = "Layla Ahmed Al Mahmood"

    @Test func twoPhonesPublishExportAndFindTheExposure() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keyserver-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let console = try HealthServiceSet(.directory(directory.path))
        let operatorPrincipal = Principal.commandLine(operatorName: "e2e")
        let lab = try await console.access.issueStaffToken(
            role: .lab, name: "lab-e2e", validForMinutes: 60, by: operatorPrincipal
        ).secret
        let app = try await buildApplication(
            AppConfiguration(storage: .directory(directory.path), port: 0, logLevel: .critical),
            services: try HealthServiceSet(.directory(directory.path)))
        let (secrets, retainedKeys) = try await app.test(.live) { testClient in
            let server = KeyServerClient(client: testClient)
            let citizen = try await Self.positiveCitizen(server, console: console, lab: lab)
            let code = try await Self.verificationCode(server, citizen: citizen)

            let phone = TestPhone(days: 1...14)
            let lost = try await server.send("/v1/exposure/verify", body: #"{"code":"\#(code)"}"#)
            let lostToken = try #require(lost.string("token"))
            // The phone never got that answer: it uses the code again, gets a new token, and the first is void.
            let verified = try await server.send("/v1/exposure/verify", body: #"{"code":"\#(code)"}"#)
            #expect(verified.status == .ok && verified.string("testType") == "confirmed")
            let token = try #require(verified.string("token"))
            #expect(token != lostToken)
            let voided = try await server.send(
                "/v1/exposure/certificate", body: #"{"token":"\#(lostToken)","ekeyhmac":"\#(phone.hmac)"}"#)
            #expect(voided.status == .badRequest && voided.problemCode == "invalid-verification-token")

            let certified = try await server.send(
                "/v1/exposure/certificate", body: #"{"token":"\#(token)","ekeyhmac":"\#(phone.hmac)"}"#)
            #expect(certified.status == .ok)
            let certificate = try #require(certified.string("certificate"))
            let reusedCode = try await server.send("/v1/exposure/verify", body: #"{"code":"\#(code)"}"#)
            #expect(reusedCode.status == .badRequest && reusedCode.problemCode == "invalid-verification-code")
            let reusedToken = try await server.send(
                "/v1/exposure/certificate", body: #"{"token":"\#(token)","ekeyhmac":"\#(phone.hmac)"}"#)
            #expect(reusedToken.status == .badRequest && reusedToken.problemCode == "invalid-verification-token")

            var changed = phone
            changed.keys[0].risk = 1
            let mismatch = try await server.send(
                "/v1/exposure/publish", body: changed.publishBody(certificate: certificate))
            #expect(mismatch.status == .badRequest && mismatch.problemCode == "hmac-mismatch")

            let published = try await server.send(
                "/v1/exposure/publish", body: phone.publishBody(certificate: certificate))
            #expect(published.status == .ok && published.object["insertedExposures"] as? Int == 14)
            let revisionToken = try #require(published.string("revisionToken"))
            // The phone's resend, as when the answer was lost: answered again, with the same token.
            let resent = try await server.send(
                "/v1/exposure/publish", body: phone.publishBody(certificate: certificate))
            #expect(resent.status == .ok && resent.object["insertedExposures"] as? Int == 14)
            #expect(resent.string("revisionToken") == revisionToken)

            try await Self.refusals(server, console: console, directory: directory)
            try await Self.chaff(
                server, directory: directory, realVerify: verified, realCertificate: certified, realPublish: published)

            // Late enough for yesterday's key, which ended at midnight: its embargo, then the window it ends in.
            let exportedAt = WallClock.system.now().adding(
                seconds: KeyPublication.embargoSeconds + console.exposureExports.configuration.exportIntervalSeconds)
            let summary = try await console.exposureExports.run(at: exportedAt)
            // One batch, or two in the first two hours of a UTC day, while yesterday's key is still held back.
            #expect((1...2).contains(summary.batchesWritten.count) && summary.keysExported == 14)
            try await Self.secondPhoneFindsTheExposure(server, console: console, directory: directory, phone: phone)
            // The run deletes keys that ended 14 days before it: late in the UTC day, the run's time is the next day,
            // and the oldest key has gone.
            let retainedSince = exportedAt.secondsSinceEpoch - 14 * 86_400
            let retained = phone.keys.filter { Int64($0.start + UInt32($0.period)) * 600 >= retainedSince }.count
            return ([lostToken, token, revisionToken, citizen, certificate], retained)
        }
        try await Self.exposureDatabaseHoldsNoPersonOrSecret(
            directory: directory, console: console, secrets: secrets, keys: retainedKeys)
    }

    /// Enrols a citizen, and a lab reports their positive PCR; the citizen's token.
    static func positiveCitizen(_ server: KeyServerClient, console: HealthServiceSet, lab: String) async throws
        -> String
    {
        let enrolled = try await server.send(
            "/v1/accounts",
            body:
                #"{"nationalId":"\#(nationalID)","dateOfBirth":"1988-04-12","name":"\#(name)","phone":"+97339001122"}"#)
        #expect(enrolled.status == .accepted)
        let otp = try #require(try await console.outbox.latest(limit: 1).first?.code)
        let session = try await server.send(
            "/v1/accounts/verify", body: #"{"nationalId":"\#(nationalID)","code":"\#(otp)"}"#)
        let now = WallClock.system.now()
        let result = try await server.send(
            "/v1/lab/results", token: lab,
            body: """
                [{"sampleId":"KS-1","nationalId":"\(nationalID)","test":"pcr","result":"positive",
                  "sampledAt":"\(now.adding(seconds: -86_400).iso8601)","resultedAt":"\(now.adding(seconds: -60).iso8601)"}]
                """)
        #expect(result.status == .ok)
        return try #require(session.string("token"))
    }

    /// The one-time code the citizen sees with their positive result.
    static func verificationCode(_ server: KeyServerClient, citizen: String) async throws -> String {
        let results = try await server.send("/v1/results", method: .get, token: citizen)
        let list = try #require(try JSONSerialization.jsonObject(with: results.body) as? [[String: Any]])
        let code = try #require((list.first?["verificationCode"] as? [String: Any])?["code"] as? String)
        #expect(code.count == 10)
        return code
    }

    /// A fresh certificate for `phone`'s keys through an operator-issued code.
    static func certificate(for phone: TestPhone, _ server: KeyServerClient, console: HealthServiceSet) async throws
        -> String
    {
        let today = WallClock.system.now().date.iso8601
        let code = try await console.exposureVerification.issue(
            testDate: today, symptomDate: nil, by: .commandLine(operatorName: "e2e"))
        let token = try #require(
            try await server.send("/v1/exposure/verify", body: #"{"code":"\#(code.code)"}"#).string("token"))
        return try #require(
            try await server.send(
                "/v1/exposure/certificate", body: #"{"token":"\#(token)","ekeyhmac":"\#(phone.hmac)"}"#
            ).string("certificate"))
    }

    /// An expired certificate, a key older than 15 days and 31 keys are each refused.
    static func refusals(_ server: KeyServerClient, console: HealthServiceSet, directory: URL) async throws {
        let old = TestPhone(days: 16...16)
        let oldKey = try await server.send(
            "/v1/exposure/publish",
            body: old.publishBody(certificate: try await certificate(for: old, server, console: console)))
        #expect(oldKey.status == .badRequest && oldKey.problemCode == "invalid-keys")
        #expect(String(decoding: oldKey.body, as: UTF8.self).contains("key 0 (rollingStartNumber"))
        #expect(String(decoding: oldKey.body, as: UTF8.self).contains("key-too-old"))

        let many = TestPhone(days: 1...31)
        let tooMany = try await server.send("/v1/exposure/publish", body: many.publishBody(certificate: "x.y.z"))
        #expect(tooMany.status == .badRequest && tooMany.problemCode == "too-many-keys")

        let phone = TestPhone(days: 1...2)
        let now = WallClock.system.now().secondsSinceEpoch
        let claims = VerificationClaims(
            issuer: "bh.moh", issuedAt: now - 1200, expiresAt: now - 300, reportType: .confirmed,
            symptomOnsetInterval: UInt32(now / 600), tekmac: phone.hmac)
        let key = try #require(console.exposureKeys.certificateKeys.last)
        let expired = try VerificationCertificate.sign(
            claims, keyID: key.version, with: P256Signer(privateKey: key.privateKey))
        let refused = try await server.send("/v1/exposure/publish", body: phone.publishBody(certificate: expired))
        #expect(refused.status == .badRequest && refused.problemCode == "certificate-expired")
    }

    /// Chaff on each route stores nothing and answers like the real request: same status, size within 10%.
    static func chaff(
        _ server: KeyServerClient, directory: URL, realVerify: KeyServerClient.Answer,
        realCertificate: KeyServerClient.Answer, realPublish: KeyServerClient.Answer
    ) async throws {
        let before = try await rowCounts(directory)
        let chaffHeader: HTTPFields = [HTTPField.Name("X-Chaff")!: "1"]
        let routes: [(String, String, KeyServerClient.Answer)] = [
            ("/v1/exposure/verify", #"{"code":"0000000000"}"#, realVerify),
            ("/v1/exposure/certificate", #"{"token":"00","ekeyhmac":"AA=="}"#, realCertificate),
            ("/v1/exposure/publish", #"{"temporaryExposureKeys":[]}"#, realPublish),
        ]
        for (path, body, real) in routes {
            let chaff = try await server.send(path, body: body, headers: chaffHeader)
            #expect(chaff.status == real.status)
            #expect(abs(Double(chaff.body.count) / Double(real.body.count) - 1) < 0.1, "\(path)")
            #expect(Set(chaff.object.keys) == Set(real.object.keys), "\(path)")
        }
        #expect(try await rowCounts(directory) == before)
    }

    static func secondPhoneFindsTheExposure(
        _ server: KeyServerClient, console: HealthServiceSet, directory: URL, phone: TestPhone
    ) async throws {
        let index = try await server.send("/v1/exposure/exports/index.txt", method: .get)
        #expect(index.status == .ok && index.headers[.cacheControl] != nil)
        let names = String(decoding: index.body, as: UTF8.self).split(separator: "\n").map(String.init)
        let newest = try #require(names.last)
        let download = try await server.send("/v1/exposure/exports/\(newest)", method: .get)
        #expect(download.status == .ok && download.headers[.cacheControl]?.contains("immutable") == true)
        let etag = try #require(download.headers[.eTag])
        let again = try await server.send(
            "/v1/exposure/exports/\(newest)", method: .get, headers: [.ifNoneMatch: etag])
        #expect(again.status == .notModified && again.body.isEmpty)
        #expect(try Data(contentsOf: directory.appendingPathComponent("exports/\(newest)")) == download.body)
        #expect(try Data(contentsOf: directory.appendingPathComponent("exports/index.txt")) == index.body)

        let published = console.exposureKeys.publicKeys(region: "426")
        let exportKey = try #require(published.exportKeys.first)
        #expect(exportKey.keyId == "426" && exportKey.keyVersion == "v1")
        let signed = try SignedExport(zipData: download.body)
        let signature = try signed.verify(with: P256PublicKey(pemRepresentation: exportKey.publicKey))
        #expect(signature.info.verificationKeyID == "426" && signed.export.keys.count == 1_000)
        try await ReferenceChecker.verifyExport(download.body, publicKeyPEM: exportKey.publicKey)

        // A phone matches every batch listed (yesterday's key may be in a batch of its own, after its embargo).
        var keys = signed.export.keys
        for name in names.dropLast() {
            let file = try await server.send("/v1/exposure/exports/\(name)", method: .get)
            keys += try SignedExport(zipData: file.body).export.keys
        }
        let heard = phone.keys[phone.keys.count - 3]
        let sighting = try TestPhone.sighting(of: heard)
        let stranger = try TestPhone.sighting(of: TestPhone(days: 3...3).keys[0])
        let matches = try await ExposureMatcher(sightings: [sighting, stranger]).match(keys)
        #expect(matches.matchedKeyCount == 1 && matches.matchedSightingCount == 1)
        #expect(matches.windows.first?.key.key.keyData == heard.data)
        #expect(matches.windows.first?.key.reportType == .confirmedTest)
    }

    /// Rows per table of `exposure.sqlite`.
    static func rowCounts(_ directory: URL) async throws -> [String: Int] {
        try await ExposureDatabaseDump.tables(directory).mapValues(\.count)
    }

    /// Every value of every table: no person id, national id, name, token or certificate in clear, no address.
    static func exposureDatabaseHoldsNoPersonOrSecret(
        directory: URL, console: HealthServiceSet, secrets: [String], keys: Int
    ) async throws {
        let tables = try await ExposureDatabaseDump.tables(directory)
        #expect(tables["exposure_keys"]?.count == keys)
        let registered = try #require(NationalID(nationalID))
        let person = try #require(
            try await console.stores.identity.read { try await $0.person(nationalID: registered) }
        ).id
        let forbidden = [person, nationalID, name, "127.0.0.1"] + secrets
        for (table, rows) in tables {
            for value in rows.joined() {
                for secret in forbidden {
                    #expect(!value.localizedCaseInsensitiveContains(secret), "\(table) holds a forbidden value")
                    let secretHex = Data(secret.utf8).map { String(format: "%02X", $0) }.joined()
                    #expect(!value.contains(secretHex), "\(table) holds a forbidden value's bytes")
                }
            }
        }
    }
}
