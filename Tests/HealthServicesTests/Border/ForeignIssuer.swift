import Certificates
import Foundation

@testable import HealthServices

/// Another country's document signer, and certificates it signs, for border checks against imported lists.
struct ForeignIssuer {
    let issuer: CertificateIssuer

    init(country: String = "DE", now: Date) throws {
        issuer = try SignerKeys.generate(country: country, now: now.addingTimeInterval(-86_400)).issuer()
    }

    /// This signer as the gateway's trust list download would list it.
    var gatewayTrustList: [UInt8] {
        get throws { Array(try TrustList(signers: [TrustedSigner(certificate: issuer.documentSigner)]).gatewayJSON()) }
    }

    /// A negative PCR sampled `hoursBefore` hours before `now`, tested in `country`.
    func pcr(sampledHoursBefore hoursBefore: Double, now: Date, country: String = "DE") throws -> String {
        let sampled = ISO8601.format(now.addingTimeInterval(-hoursBefore * 3600))
        return try sign(
            """
            {"ver":"1.3.0","nam":{"fn":"Müller","gn":"Anna"},"dob":"1985-07-01",
             "t":[{"tg":"840539006","tt":"LP6464-4","nm":"PCR","sc":"\(sampled)","tr":"260415000",
                   "tc":"Labor Berlin","co":"\(country)","is":"Robert Koch-Institut"}]}
            """, now: now)
    }

    /// A vaccination, dose `dose` of `of`, given 30 days before `now`.
    func vaccination(dose: Int, of total: Int, now: Date) throws -> String {
        let given = String(ISO8601.format(now.addingTimeInterval(-30 * 86_400)).prefix(10))
        return try sign(
            """
            {"ver":"1.3.0","nam":{"fn":"Müller","gn":"Anna"},"dob":"1985-07-01",
             "v":[{"tg":"840539006","vp":"J07BX03","mp":"EU/1/20/1528","ma":"ORG-100030215","dn":\(dose),
                   "sd":\(total),"dt":"\(given)","co":"DE","is":"Robert Koch-Institut"}]}
            """, now: now)
    }

    func sign(_ payload: String, now: Date) throws -> String {
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(payload.utf8))
        return try issuer.issue(
            try issuer.prepare(json), issuedAt: now.addingTimeInterval(-3600), validity: 30 * 86_400)
    }
}
