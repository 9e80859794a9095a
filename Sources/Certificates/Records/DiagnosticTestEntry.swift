public import Foundation

/// One test result as recorded, for the `t` entry of a DCC (eu-dcc-schema 1.3.x `test_entry`).
public struct DiagnosticTestEntry: Sendable, Hashable {
    /// The type of test (`tt`, value set test-type, LOINC).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Nucleic acid amplification with probe detection, such as RT-PCR.
        case nucleicAcidAmplification = "LP6464-4"
        /// Rapid immunoassay (rapid antigen test).
        case rapidAntigen = "LP217198-3"
    }

    /// The test result (`tr`, value set test-result, SNOMED CT).
    public enum Result: String, Sendable, Hashable, CaseIterable {
        case notDetected = "260415000"
        case detected = "260373001"
    }

    public var kind: Kind
    /// When the sample was collected (`sc`), written as ISO 8601 in UTC to the second.
    public var sampleCollectedAt: Date
    public var result: Result
    /// Testing centre or facility (`tc`), optional in schema 1.3.
    public var testingCentre: String?
    /// Country of test (`co`), ISO 3166-1 alpha-2.
    public var country: String
    /// Certificate issuer (`is`).
    public var issuer: String
    /// The rapid antigen test device identifier (`ma`, value set test-manf: the JRC database id); rapid antigen
    /// tests only.
    public var deviceIdentifier: String?
    /// The UVCI (`ci`); nil lets the issuer generate one.
    public var certificateIdentifier: String?

    public init(
        kind: Kind, sampleCollectedAt: Date, result: Result, testingCentre: String? = nil, country: String,
        issuer: String, deviceIdentifier: String? = nil, certificateIdentifier: String? = nil
    ) {
        self.kind = kind
        self.sampleCollectedAt = sampleCollectedAt
        self.result = result
        self.testingCentre = testingCentre
        self.country = country
        self.issuer = issuer
        self.deviceIdentifier = deviceIdentifier
        self.certificateIdentifier = certificateIdentifier
    }

    func json() throws(CertificateError) -> JSONValue {
        let seconds = sampleCollectedAt.timeIntervalSince1970
        guard ISO8601.representableSeconds.contains(seconds) else {
            throw CertificateError(.invalidPayload, "sample collection time is outside the four-digit years")
        }
        var members: [JSONValue.Member] = [
            .init("tg", .string(DCCPayload.diseaseAgentTargeted)),
            .init("tt", .string(kind.rawValue)),
        ]
        if let deviceIdentifier {
            guard kind == .rapidAntigen else {
                throw CertificateError(.invalidPayload, "a device identifier belongs to rapid antigen tests only")
            }
            members.append(.init("ma", .string(try DCCPayload.checkedText(deviceIdentifier, field: "RAT device"))))
        }
        members.append(.init("sc", .string(ISO8601.format(secondsSince1970: seconds))))
        members.append(.init("tr", .string(result.rawValue)))
        if let testingCentre, !DCCPayload.isBlank(testingCentre) {
            members.append(.init("tc", .string(try DCCPayload.checkedText(testingCentre, field: "testing centre"))))
        }
        members.append(.init("co", .string(try DCCPayload.checkedCountry(country, field: "country of test"))))
        members.append(.init("is", .string(try DCCPayload.checkedText(issuer, field: "certificate issuer"))))
        if let certificateIdentifier {
            members.append(.init("ci", .string(try DCCPayload.checkedText(certificateIdentifier, field: "UVCI"))))
        }
        return .object(members)
    }
}
