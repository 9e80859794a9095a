import ContactTracing
import CryptoCore
import Foundation
import HealthServices
import NIOCore
import NIOHTTP1

/// One phone's upload for the key-server benchmark: an operator-issued code, 14 daily keys and the HMAC secret,
/// with the JSON bodies ready so the timed part only sends them.
struct BenchUploadPlan: Sendable {
    let verifyBody: String
    let keysJSON: String
    let hmac: String
    let secret: String

    /// `count` plans with codes issued through `codes`, 64 at a time.
    static func make(count: Int, issuingWith codes: ExposureVerificationService) async throws -> [BenchUploadPlan] {
        let today = WallClock.system.now().date.iso8601
        let principal = Principal.commandLine(operatorName: "bench")
        return try await withThrowingTaskGroup(of: [BenchUploadPlan].self) { group in
            let share = (count + 63) / 64
            for part in 0..<64 {
                let size = max(0, min(share, count - part * share))
                group.addTask {
                    var plans: [BenchUploadPlan] = []
                    for _ in 0..<size {
                        let code = try await codes.issue(testDate: today, symptomDate: nil, by: principal)
                        plans.append(try BenchUploadPlan(code: code.code))
                    }
                    return plans
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }

    init(code: String) throws {
        let today = UInt32(Date().timeIntervalSince1970 / 86_400) * 144
        let keys = try (1...14).map { day in
            try DiagnosisKey(
                key: TemporaryExposureKey.generate(),
                rollingStartIntervalNumber: ENIntervalNumber(rawValue: today - UInt32(day) * 144),
                transmissionRiskLevel: 4)
        }
        let secretBytes = SecureRandom.bytes(count: 32)
        verifyBody = #"{"code":"\#(code)"}"#
        keysJSON = keys.map {
            #"{"key":"\#(Data($0.key.keyData).base64EncodedString())","rollingStartNumber":\#($0.rollingStartIntervalNumber.rawValue),"rollingPeriod":144,"transmissionRisk":4}"#
        }.joined(separator: ",")
        hmac = Data(TEKMAC.authenticationCode(for: keys, secret: secretBytes)).base64EncodedString()
        secret = Data(secretBytes).base64EncodedString()
    }

    /// Verify, certificate, publish; whether all three answered 200.
    func upload(
        _ send: (HTTPMethod, String, [(String, String)], ByteBuffer?) async throws -> BenchHTTPConnection.Answer
    ) async throws -> Bool {
        let verified = try await send(.POST, "/v1/exposure/verify", [], ByteBuffer(string: verifyBody))
        guard verified.status == 200, let token = Self.field(\.token, in: verified.body) else { return false }
        let certified = try await send(
            .POST, "/v1/exposure/certificate", [], ByteBuffer(string: certificateBody(token)))
        guard certified.status == 200, let certificate = Self.field(\.certificate, in: certified.body) else {
            return false
        }
        return try await send(.POST, "/v1/exposure/publish", [], ByteBuffer(string: publishBody(certificate))).status
            == 200
    }

    /// The certificate request for the token a verify answered, binding this plan's keys.
    func certificateBody(_ token: String) -> String {
        #"{"token":"\#(token)","ekeyhmac":"\#(hmac)"}"#
    }

    /// The publish of this plan's keys with the certificate a certificate request answered.
    func publishBody(_ certificate: String) -> String {
        #"{"temporaryExposureKeys":[\#(keysJSON)],"healthAuthorityID":"bh.moh","verificationPayload":"\#(certificate)","hmacKey":"\#(secret)"}"#
    }

    /// The members of the verify and certificate answers a phone reads on.
    struct Grant: Decodable {
        let token: String?
        let certificate: String?
    }

    /// A string member of a JSON object answer, decoded as a phone's app would.
    static func field(_ name: KeyPath<Grant, String?>, in body: ByteBuffer) -> String? {
        (try? JSONDecoder().decode(Grant.self, from: Data(body.readableBytesView)))?[keyPath: name]
    }
}
