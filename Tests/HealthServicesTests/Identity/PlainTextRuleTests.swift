import Testing

@testable import HealthServices

/// Free text (names, centres, areas) is limited as the OpenAPI document states it: the length in Unicode scalars
/// as sent, control characters refused anywhere, white space around it trimmed. Schemathesis found text the
/// document called too long (white space around it, or many combining marks) that the server took.
@Suite struct PlainTextRuleTests {
    private let harness: ServiceHarness

    init() async throws { harness = try await ServiceHarness() }

    private func centreCode(named name: String) async -> String? {
        do {
            _ = try await harness.services.scheduling.addCentre(
                name: name, area: "Central", services: [], by: harness.operatorPrincipal)
            return nil
        } catch let error as ServiceError {
            return error.code.rawValue
        } catch {
            return "\(error)"
        }
    }

    @Test func theLengthCountsWhiteSpaceAroundTheText() async {
        let padded = String(repeating: " ", count: 95) + "Sitra"
        #expect(await centreCode(named: padded) == nil)
        #expect(await centreCode(named: padded + " ") == "invalid-text")
    }

    @Test func theLengthCountsUnicodeScalarsNotCharacters() async {
        let accented = String(repeating: "e\u{301}", count: 50)
        #expect(accented.count == 50)
        #expect(await centreCode(named: accented) == nil)
        #expect(await centreCode(named: accented + "e\u{301}") == "invalid-text")
    }

    @Test func aControlCharacterIsRefusedEvenWhereTrimmingWouldDropIt() async throws {
        #expect(await centreCode(named: "\tSitra") == "invalid-text")
        #expect(throws: ServiceError(.invalidName, "")) {
            try PersonName(checking: PersonNameFields(familyName: "Ali\n", givenName: "Fatima"))
        }
        let name = try PersonName(checking: PersonNameFields(familyName: " Ali ", givenName: "\u{3000}"))
        #expect(name.familyName == "Ali")
        #expect(name.givenName == nil)
    }
}
