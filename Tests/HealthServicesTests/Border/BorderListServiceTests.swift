import Certificates
import Foundation
import Testing

@testable import HealthServices

/// Imported trust lists, value sets and rules, on both backends: what a border check then says of a foreign
/// certificate, and that each change is audited and seen at once.
@Suite struct BorderListServiceTests {
    @Test(arguments: StorageBackend.allCases) func aForeignCertificateIsCheckedAgainstItsImportedSigner(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let now = harness.clock.date
        let germany = try ForeignIssuer(now: now)
        let lists = harness.services.borderLists
        let certificates = harness.services.certificates
        let recent = try germany.pcr(sampledHoursBefore: 60, now: now)
        #expect(try await certificates.verify(recent, at: nil).error?.code == .unknownKid)

        let imported = try await lists.importTrustList(
            try TrustListImport(data: try germany.gatewayTrustList), source: "de-gateway", by: harness.operatorPrincipal
        )
        #expect(imported.imported == 1 && imported.replaced == 0 && imported.refused.isEmpty)
        #expect(try await lists.importedSigners(country: "DE").map(\.source) == ["de-gateway"])
        #expect(try await lists.importedSigners(country: "FR").isEmpty)
        let valid = try await certificates.verify(recent, at: nil)
        #expect(valid.verdict == .valid && valid.country == "DE")
        #expect(valid.rules.map(\.identifier) == ["TR-BH-0001", "TR-BH-0002", "TR-BH-0003", "TR-BH-0004"])

        let old = try await certificates.verify(try germany.pcr(sampledHoursBefore: 80, now: now), at: nil)
        #expect(old.isValid && old.verdict == .notValidForEntry)
        #expect(old.rules.filter { !$0.passed }.map(\.identifier) == ["TR-BH-0003"])
        let arabic = try await certificates.verify(
            try germany.pcr(sampledHoursBefore: 80, now: now), at: nil, language: "ar")
        #expect(arabic.rules.first { !$0.passed }?.description.hasPrefix("يجب") == true)
        let firstDose = try await certificates.verify(try germany.vaccination(dose: 1, of: 2, now: now), at: nil)
        #expect(firstDose.verdict == .notValidForEntry)
        #expect(firstDose.rules.filter { !$0.passed }.map(\.identifier) == ["VR-BH-0001"])
        let unknownCountry = try await certificates.verify(
            try germany.pcr(sampledHoursBefore: 10, now: now, country: "XY"), at: nil)
        #expect(unknownCountry.verdict == .invalid && unknownCountry.error?.code == .valueSetViolation)
        #expect(unknownCountry.rules.isEmpty)
        // No entry rules of FR are held: entry there is not checked, rather than answered valid.
        let elsewhere = await #expect(throws: ServiceError.self) {
            try await certificates.verify(recent, at: nil, destination: "FR")
        }
        #expect(elsewhere?.code == .unknownDestination)

        let replacement = try ForeignIssuer(now: now)
        let again = try await lists.importTrustList(
            try TrustListImport(data: try replacement.gatewayTrustList), source: "de-gateway",
            by: harness.operatorPrincipal)
        #expect(again.imported == 1 && again.replaced == 1)
        let withdrawn = try await certificates.verify(recent, at: nil)
        #expect(withdrawn.verdict == .invalid && withdrawn.error?.code == .unknownKid)

        #expect(try await lists.removeTrustSource("de-gateway", by: harness.operatorPrincipal) == 1)
        let gone = await #expect(throws: ServiceError.self) {
            try await lists.removeTrustSource("de-gateway", by: harness.operatorPrincipal)
        }
        #expect(gone?.code == .trustSourceNotFound)
        let actions = try await harness.services.audit.latest(limit: 10).map(\.action)
        #expect(actions.filter { $0 == "trust.import" }.count == 2 && actions.contains("trust.remove"))
    }

    @Test(arguments: StorageBackend.allCases) func importedRulesAndValueSetsTakeEffectAtOnce(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let now = harness.clock.date
        let germany = try ForeignIssuer(now: now)
        let lists = harness.services.borderLists
        let certificates = harness.services.certificates
        _ = try await lists.importTrustList(
            try TrustListImport(data: try germany.gatewayTrustList), source: "de", by: harness.operatorPrincipal)
        let old = try germany.pcr(sampledHoursBefore: 80, now: now)
        #expect(try await certificates.verify(old, at: nil).verdict == .notValidForEntry)
        let versionBefore = try await lists.current().version

        let longer = try Self.ruleAllowing(hours: 96)
        try await lists.importRules([longer], by: harness.operatorPrincipal)
        #expect(try await lists.current().version > versionBefore)
        #expect(try await certificates.verify(old, at: nil).verdict == .valid)
        let shown = try await certificates.entryRulesJSON(country: "BH")
        guard case .array(let rules) = shown else { throw HarnessError("rules are not an array") }
        #expect(rules.filter { $0["Identifier"]?.stringValue == "TR-BH-0003" }.count == 2)

        #expect(try await lists.removeRule(identifier: "TR-BH-0003", by: harness.operatorPrincipal) == 1)
        #expect(try await certificates.verify(old, at: nil).verdict == .notValidForEntry)
        let shipped = await #expect(throws: ServiceError.self) {
            try await lists.removeRule(identifier: "TR-BH-0003", by: harness.operatorPrincipal)
        }
        #expect(shipped?.code == .shippedRule)
        let unknown = await #expect(throws: ServiceError.self) {
            try await lists.removeRule(identifier: "TR-XX-0001", by: harness.operatorPrincipal)
        }
        #expect(unknown?.code == .ruleNotFound)

        guard case .object(let sets) = ValueSets.european.json else { throw HarnessError("no value sets") }
        let withoutGermany = JSONValue.object(
            sets.map { member in
                guard member.key == "country-2-codes", case .array(let codes) = member.value else { return member }
                return .init(member.key, .array(codes.filter { $0 != .string("DE") }))
            })
        try await lists.importValueSets(try ValueSets(json: withoutGermany), by: harness.operatorPrincipal)
        let refused = try await certificates.verify(try germany.pcr(sampledHoursBefore: 10, now: now), at: nil)
        #expect(refused.error?.code == .valueSetViolation)
        #expect(try await certificates.valueSets().contains("DE", in: "country-2-codes") == false)
        let actions = try await harness.services.audit.latest(limit: 10).map(\.action)
        #expect(["rules.import", "rules.remove", "valuesets.import"].allSatisfy(actions.contains))
    }

    @Test func importsAreCheckedBeforeAnythingIsStored() async throws {
        let harness = try await ServiceHarness()
        let germany = try ForeignIssuer(now: harness.clock.date)
        let lists = harness.services.borderLists
        let badSource = await #expect(throws: ServiceError.self) {
            try await lists.importTrustList(
                try TrustListImport(data: try germany.gatewayTrustList), source: "de gateway",
                by: harness.operatorPrincipal)
        }
        #expect(badSource?.code == .invalidSource)
        let empty = await #expect(throws: ServiceError.self) {
            try await lists.importTrustList(
                try TrustListImport(data: Array("[]".utf8)), source: "empty", by: harness.operatorPrincipal)
        }
        #expect(empty?.code == .emptyTrustList)
        #expect(try await lists.current().version == 0)
        #expect(try await harness.services.audit.latest(limit: 5).isEmpty)
    }

    /// TR-BH-0003 as a newer version allowing a PCR `hours` old.
    static func ruleAllowing(hours: Int) throws -> EntryRule {
        let shipped = try #require(EntryRules.defaults.rules.first { $0.identifier == "TR-BH-0003" })
        let text = String(decoding: try JSONEncoder().encode(shipped.json), as: UTF8.self)
            .replacingOccurrences(of: "\"Version\":\"1.0.0\"", with: "\"Version\":\"1.1.0\"")
            .replacingOccurrences(of: ",72,\"hour\"", with: ",\(hours),\"hour\"")
        let rule = try EntryRule(json: try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)))
        #expect(rule.version.description == "1.1.0")
        return rule
    }
}
