import Foundation
import Testing

@testable import Certificates

/// Revocation lists in the DCC gateway's batch JSON: made from revoked certificates, written, read back, and
/// malformed files refused with `invalid-revocation-list`.
@Suite struct RevocationListTests {
    let fixture: IssuerFixture

    init() throws { fixture = try IssuerFixture() }

    /// A subject with a made-up UVCI, for lists larger than is worth signing.
    func subject(_ index: Int, expiresAt: Date? = nil, country: String? = "BH") -> RevocationSubject {
        RevocationSubject(
            keyID: fixture.issuer.keyID, country: country, certificateIdentifier: "URN:UVCI:01:BH:TEST\(index)",
            signature: Array(repeating: UInt8(index % 256), count: 64), algorithm: .es256,
            expiresAt: expiresAt ?? fixture.now.addingTimeInterval(Double(index)))
    }

    @Test func batchJSONHasTheGatewayLayout() throws {
        let hc1 = try fixture.issue()
        let list = try RevocationList(revokingHC1Strings: [hc1], hashTypes: [.countryCodeUCI])
        let array = try #require(try JSONSerialization.jsonObject(with: list.jsonData()) as? [[String: Any]])
        let batch = try #require(array.first)
        #expect(array.count == 1)
        #expect(Set(batch.keys) == ["country", "expires", "kid", "hashType", "entries"])
        #expect(batch["country"] as? String == "BH" && batch["hashType"] as? String == "COUNTRYCODEUCI")
        #expect(batch["expires"] as? String == "2023-12-14T22:13:20Z")
        #expect(batch["kid"] as? String == Data(fixture.issuer.keyID).base64EncodedString())
        let hashes = try #require(batch["entries"] as? [[String: String]]).compactMap { $0["hash"] }
        #expect(hashes.count == 1 && hashes[0].count == 24)
        let subject = try RevocationSubject(hc1String: hc1)
        #expect(hashes[0] == subject.revocationHash(.countryCodeUCI).map { Data($0).base64EncodedString() })
        let text = String(decoding: try list.jsonData(), as: UTF8.self)
        #expect(text.hasPrefix(#"[{"country":"BH","entries":[{"hash":""#))
    }

    @Test func listsRoundTripThroughJSON() throws {
        let subjects = (0..<5).map { subject($0) } + [subject(9, country: "AE")]
        let list = try RevocationList(revoking: subjects)
        #expect(list.batches.count == 6)
        #expect(list.batches.map(\.country) == ["AE", "AE", "AE", "BH", "BH", "BH"])
        #expect(list.batches.map(\.hashType) == [.uci, .countryCodeUCI, .signature, .uci, .countryCodeUCI, .signature])
        let read = try RevocationList(jsonData: Array(try list.jsonData()))
        #expect(read.batches == list.batches)
        let pretty = try RevocationList(jsonData: Array(try list.jsonData(prettyPrinted: true)))
        #expect(pretty.batches == list.batches)
        let single = try RevocationList(jsonData: Array(try JSONEncoder().encode(list.batches[4].json)))
        #expect(single.batches == [list.batches[4]])
        for subject in subjects { #expect(read.isRevoked(subject)) }
        #expect(!read.isRevoked(self.subject(5)))
        #expect(try RevocationList(jsonData: Array("[]".utf8)).isEmpty)
    }

    @Test func batchesAreSortedDeduplicatedAndSplitAtOneThousand() throws {
        let subjects = (0..<1001).map { subject($0) } + [subject(7, expiresAt: fixture.now.addingTimeInterval(1e6))]
        let list = try RevocationList(revoking: subjects, hashTypes: [.uci])
        #expect(list.batches.map(\.hashes.count) == [1000, 1])
        let all = list.batches.flatMap(\.hashes)
        #expect(all == all.sorted { $0.lexicographicallyPrecedes($1) } && Set(all).count == 1001)
        let withSeven = try #require(list.batches.first { $0.hashes.contains(subject(7).revocationHash(.uci)!) })
        #expect(withSeven.expires == fixture.now.addingTimeInterval(1e6))
        let other = try #require(list.batches.first { $0 != withSeven })
        let expected = other.hashes.compactMap { hash in
            (0..<1001).first { subject($0).revocationHash(.uci) == hash }.map {
                fixture.now.addingTimeInterval(Double($0))
            }
        }.max()
        #expect(other.expires == expected)
    }

    @Test func revokingNeedsACountryAnExpiryAndAUVCI() throws {
        var noUVCI = subject(1)
        noUVCI.certificateIdentifier = nil
        var noExpiry = subject(2)
        noExpiry.expiresAt = nil
        var lowerCountry = subject(3)
        lowerCountry.country = "bh"
        for bad in [subject(0, country: nil), noUVCI, noExpiry, lowerCountry] {
            let error = try #require(throws: CertificateError.self) { try RevocationList(revoking: [bad]) }
            #expect(error.code == .invalidRevocationList, "\(error)")
        }
        #expect(try RevocationList(revoking: [noUVCI], hashTypes: [.signature]).batches.count == 1)
        let garbage = try #require(throws: CertificateError.self) {
            try RevocationList(revokingHC1Strings: ["HC1:NOT-BASE45!"])
        }
        #expect(garbage.code == .base45InvalidCharacter)
    }

    @Test func malformedRevocationJSONIsRejected() throws {
        let good = #"{"country":"BH","expires":"2024-01-01T00:00:00Z","kid":"AQIDBAUGBwg=","hashType":"UCI","#
        let entries = #""entries":[{"hash":"AAECAwQFBgcICQoLDA0ODw=="}]}"#
        #expect(try RevocationList(jsonData: Array((good + entries).utf8)).batches.count == 1)
        let bad: [(String, String)] = [
            ("not JSON", "{country"),
            ("a number", "42"),
            ("array of strings", #"["BH"]"#),
            ("lower-case country", good.replacingOccurrences(of: "\"BH\"", with: "\"bh\"") + entries),
            ("missing country", good.replacingOccurrences(of: #""country":"BH","#, with: "") + entries),
            ("bad expiry", good.replacingOccurrences(of: "2024-01-01T00:00:00Z", with: "2024-13-01") + entries),
            ("short kid", good.replacingOccurrences(of: "AQIDBAUGBwg=", with: "AQID") + entries),
            ("kid not base64", good.replacingOccurrences(of: "AQIDBAUGBwg=", with: "not base64!!") + entries),
            ("kid a number", good.replacingOccurrences(of: #""AQIDBAUGBwg=""#, with: "12") + entries),
            ("hash type", good.replacingOccurrences(of: "\"UCI\"", with: "\"SHA256\"") + entries),
            ("lower-case hash type", good.replacingOccurrences(of: "\"UCI\"", with: "\"uci\"") + entries),
            ("no entries", good.dropLast() + "}"),
            ("empty entries", good + #""entries":[]}"#),
            ("entry without hash", good + #""entries":[{"h":"AAECAwQFBgcICQoLDA0ODw=="}]}"#),
            ("short hash", good + #""entries":[{"hash":"AAECAwQFBgcICQoLDA0O"}]}"#),
            ("hash as hex", good + #""entries":[{"hash":"000102030405060708090a0b0c0d0e0f"}]}"#),
            ("second batch bad", "[" + good + entries + "," + good + #""entries":[]}]"#),
            (
                "1001 entries",
                good + #""entries":["#
                    + Array(repeating: #"{"hash":"AAECAwQFBgcICQoLDA0ODw=="}"#, count: 1001)
                    .joined(separator: ",") + "]}"
            ),
        ]
        for (name, text) in bad {
            let error = try #require(throws: CertificateError.self, "\(name)") {
                try RevocationList(jsonData: Array(text.utf8))
            }
            #expect(error.code == .invalidRevocationList, "\(name): \(error)")
        }
    }

    @Test func unknownKidIsReadAndWritten() throws {
        let text =
            #"{"country":"DE","expires":"2024-01-01T00:00:00+01:00","kid":"UNKNOWN_KID","hashType":"SIGNATURE","#
            + #""entries":[{"hash":"AAECAwQFBgcICQoLDA0ODw=="}]}"#
        let list = try RevocationList(jsonData: Array(text.utf8))
        #expect(list.batches.first?.keyID == nil)
        #expect(list.batches.first?.expires == ISO8601.parse("2023-12-31T23:00:00Z"))
        #expect(list.batches.first?.json["kid"] == .string("UNKNOWN_KID"))
    }

    @Test func theFileFormIsReadBack() throws {
        let list = try RevocationList(revoking: [subject(1), subject(2)])
        #expect(try RevocationList(jsonData: Array(list.jsonData(prettyPrinted: true))).batches == list.batches)
    }
}
