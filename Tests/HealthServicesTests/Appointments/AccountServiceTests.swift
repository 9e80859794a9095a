import CryptoCore
import Testing

@testable import HealthSQLite
@testable import HealthServices

@Suite struct AccountServiceTests {
    @Test(arguments: StorageBackend.allCases) func enrolmentSendsAHashedExpiringCodeThatYieldsACitizenToken(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        try await harness.services.accounts.enrol(
            nationalId: "900112345", dateOfBirth: "1990-01-17", names: .init(name: "Fatima Ali"), phone: "+97336001234")
        let message = try #require(try await harness.services.outbox.latest(limit: 10).first)
        #expect(message.to == "+97336001234")
        let code = try #require(message.code)
        #expect(code.count == 6 && message.text.contains(code))
        let stored = try await harness.storage.texts(
            "SELECT \(harness.storage.hex("code_hash")) FROM enrolment_challenges")
        #expect(stored.count == 1 && stored[0]?.count == 64 && stored[0] != Hex.encode(Array(code.utf8)))

        let session = try await harness.services.accounts.verify(nationalId: "900112345", code: code)
        let principal = try await harness.services.access.authenticate(authorization: "Bearer \(session.token)")
        #expect(principal.role == .citizen && principal.personID == session.personId)
        let reuse = await #expect(throws: ServiceError.self) {
            try await harness.services.accounts.verify(nationalId: "900112345", code: code)
        }
        #expect(reuse?.code == .wrongCode)
    }

    /// A code used ends the codes sent before it: the one before no longer becomes the newest open code, which
    /// would log in again (or as the person, had someone else asked for it before they claimed their ID).
    @Test(arguments: StorageBackend.allCases) func aUsedCodeEndsTheCodesSentBeforeIt(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        var codes: [String] = []
        for _ in 0..<2 {
            try await harness.services.accounts.enrol(
                nationalId: "900112345", dateOfBirth: "1990-01-17", names: .init(name: "Fatima Ali"),
                phone: "+97336001234")
            codes.append(try #require(try await harness.services.outbox.latest(limit: 1).first?.code))
        }
        _ = try await harness.services.accounts.verify(nationalId: "900112345", code: codes[1])
        let earlier = await #expect(throws: ServiceError.self) {
            try await harness.services.accounts.verify(nationalId: "900112345", code: codes[0])
        }
        #expect(earlier?.code == .wrongCode)
    }

    /// The code's message is queued in the transaction that stores its challenge: when the outbox refuses it, the
    /// enrolment fails whole and leaves no challenge behind (it used to stay, counted against the hourly limit, with
    /// a code nobody was sent).
    @Test(arguments: StorageBackend.allCases) func aCodeIsStoredOnlyWithItsMessage(backend: StorageBackend) async throws
    {
        let harness = try await ServiceHarness(backend)
        switch backend {
        case .sqlite:
            try await harness.storage.execute(
                "CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'down'); END")
        case .postgres:
            try await harness.storage.execute(
                "CREATE FUNCTION refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE 'down'; END $$")
            try await harness.storage.execute(
                "CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox EXECUTE FUNCTION refuse_outbox()")
        }
        await #expect(throws: (any Error).self) {
            try await harness.services.accounts.enrol(
                nationalId: "900112345", dateOfBirth: "1990-01-17", names: .init(name: "Fatima Ali"),
                phone: "+97336001234")
        }
        #expect(try await harness.storage.count("SELECT count(*) FROM enrolment_challenges") == 0)
    }

    /// A name in parts is stored whole too, under the whole name's limit: parts that together pass it are refused
    /// at enrolment, where they used to be accepted and every code then refused at verification.
    @Test(arguments: StorageBackend.allCases) func namePartsTogetherKeepTheWholeNamesLimit(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let accounts = harness.services.accounts
        let family = String(repeating: "F", count: 45)
        let tooLong = await #expect(throws: ServiceError.self) {
            try await accounts.enrol(
                nationalId: "900112345", dateOfBirth: "1990-01-17",
                names: .init(familyName: family, givenName: String(repeating: "G", count: 60)), phone: "+97336001234")
        }
        #expect(tooLong?.code == .invalidName)
        try await accounts.enrol(
            nationalId: "900112345", dateOfBirth: "1990-01-17",
            names: .init(familyName: family, givenName: String(repeating: "G", count: 54)), phone: "+97336001234")
        let code = try #require(try await harness.services.outbox.latest(limit: 1).first?.code)
        let session = try await accounts.verify(nationalId: "900112345", code: code)
        let person = try await accounts.person(nationalId: "900112345")
        #expect(person.id == session.personId && person.familyName == family)
    }

    @Test(arguments: StorageBackend.allCases) func wrongCodesAreCountedAndTheFifthEndsTheChallenge(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        try await harness.services.accounts.enrol(
            nationalId: "900112345", dateOfBirth: "1990-01-17", names: .init(name: "Fatima Ali"), phone: "+97336001234")
        let code = try #require(try await harness.services.outbox.latest(limit: 1).first?.code)
        let wrong = code == "000000" ? "111111" : "000000"
        for _ in 0..<AccountService.maxAttempts {
            let error = await #expect(throws: ServiceError.self) {
                try await harness.services.accounts.verify(nationalId: "900112345", code: wrong)
            }
            #expect(error?.code == .wrongCode)
        }
        let error = await #expect(throws: ServiceError.self) {
            try await harness.services.accounts.verify(nationalId: "900112345", code: code)
        }
        #expect(error?.code == .tooManyAttempts)
    }

    @Test(arguments: StorageBackend.allCases) func expiredCodesAreRefused(backend: StorageBackend) async throws {
        let harness = try await ServiceHarness(backend)
        try await harness.services.accounts.enrol(
            nationalId: "900112345", dateOfBirth: "1990-01-17", names: .init(name: "Fatima Ali"), phone: "+97336001234")
        let code = try #require(try await harness.services.outbox.latest(limit: 1).first?.code)
        harness.clock.advance(seconds: AccountService.codeLifetime)
        let error = await #expect(throws: ServiceError.self) {
            try await harness.services.accounts.verify(nationalId: "900112345", code: code)
        }
        #expect(error?.code == .codeExpired)
    }

    @Test(arguments: StorageBackend.allCases) func anEnrolledIDGetsItsCodeOnTheNumberOnFileAndAWrongBirthDateGetsNone(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let first = try await harness.citizen("900112345", born: "1990-01-17", phone: "+97336001234")
        try await harness.services.accounts.enrol(
            nationalId: "900112345", dateOfBirth: "1990-01-17", names: .init(name: "Someone"), phone: "+97339999999")
        #expect(try await harness.services.outbox.latest(limit: 1).first?.to == "+97336001234")
        let again = try await harness.citizen("900112345", born: "1990-01-17", phone: "+97339999999")
        #expect(again.personID == first.personID)

        let before = try await harness.services.outbox.latest(limit: 100).count
        try await harness.services.accounts.enrol(
            nationalId: "900112345", dateOfBirth: "1991-01-17", names: .init(name: "Someone"), phone: "+97339999999")
        #expect(try await harness.services.outbox.latest(limit: 100).count == before)
    }

    /// Code requests for a registered ID with the wrong date of birth are answered and limited as those for an
    /// unknown ID are, so the limit does not tell which IDs are registered; and like any later request, they replace
    /// the code sent before them.
    @Test(arguments: StorageBackend.allCases) func refusedCodeRequestsCountTowardTheLimitLikeAnyOther(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let accounts = harness.services.accounts
        _ = try await harness.person("900112345")
        try await accounts.enrol(
            nationalId: "900112345", dateOfBirth: "1985-02-11", names: .init(name: "Fatima Ali Hasan"),
            phone: "+97336001234")
        let holderCode = try #require(try await harness.services.outbox.latest(limit: 1).first?.code)
        for nationalId in ["900112345", "900112346"] {
            let first = nationalId == "900112345" ? 1 : 0
            for _ in first..<AccountService.maxCodesPerHour {
                try await accounts.enrol(
                    nationalId: nationalId, dateOfBirth: "1991-01-17", names: .init(name: "F"), phone: "+97339999999")
            }
            let limited = await #expect(throws: ServiceError.self) {
                try await accounts.enrol(
                    nationalId: nationalId, dateOfBirth: "1991-01-17", names: .init(name: "F"), phone: "+97339999999")
            }
            #expect(limited?.code == .tooManyCodes, "\(nationalId)")
        }
        let replaced = await #expect(throws: ServiceError.self) {
            try await accounts.verify(nationalId: "900112345", code: holderCode)
        }
        #expect(replaced?.code == .wrongCode)
    }

    /// Codes tried after a request with the wrong date of birth are answered as after a right one (wrong five times,
    /// then too many attempts), so verify does not tell whether a guessed date of birth is the holder's.
    @Test(arguments: StorageBackend.allCases) func verifyAnswersAlikeWhateverTheDateOfBirthWas(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let accounts = harness.services.accounts
        _ = try await harness.citizen("900112345", born: "1990-01-17", phone: "+97336001234")
        var answers: [[ServiceError.Code?]] = []
        for dateOfBirth in ["1991-01-17", "1990-01-17"] {
            try await accounts.enrol(
                nationalId: "900112345", dateOfBirth: dateOfBirth, names: .init(name: "F"), phone: "+97339999999")
            let sent = try await harness.services.outbox.latest(limit: 1).first?.code
            let wrong = sent == "000000" ? "111111" : "000000"
            var codes: [ServiceError.Code?] = []
            for _ in 0...AccountService.maxAttempts {
                let refused = await #expect(throws: ServiceError.self) {
                    try await accounts.verify(nationalId: "900112345", code: wrong)
                }
                codes.append(refused?.code)
            }
            answers.append(codes)
        }
        #expect(answers[0] == answers[1])
        #expect(answers[0].last == .tooManyAttempts)
    }

    @Test(arguments: StorageBackend.allCases) func tooManyCodeRequestsPerHourAreRefused(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        for _ in 0..<AccountService.maxCodesPerHour {
            try await harness.services.accounts.enrol(
                nationalId: "900112345", dateOfBirth: "1990-01-17", names: .init(name: "F"), phone: "+97336001234")
        }
        let error = await #expect(throws: ServiceError.self) {
            try await harness.services.accounts.enrol(
                nationalId: "900112345", dateOfBirth: "1990-01-17", names: .init(name: "F"), phone: "+97336001234")
        }
        #expect(error?.code == .tooManyCodes)
        harness.clock.advance(seconds: 3601)
        try await harness.services.accounts.enrol(
            nationalId: "900112345", dateOfBirth: "1990-01-17", names: .init(name: "F"), phone: "+97336001234")
    }

    /// Code requests for one ID at once are counted one after the other: no more than the hourly limit get a code.
    @Test(arguments: StorageBackend.allCases) func racingCodeRequestsStayWithinTheHourlyLimit(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let accounts = harness.services.accounts
        let outcomes = await raceOutcomes(12) { _ in
            try await accounts.enrol(
                nationalId: "900112346", dateOfBirth: "1990-01-17", names: .init(name: "F"), phone: "+97336001235")
        }
        #expect(outcomes.filter { $0 == nil }.count == AccountService.maxCodesPerHour)
        #expect(outcomes.compactMap { $0 }.allSatisfy { $0 == .tooManyCodes })
    }

    @Test(arguments: StorageBackend.allCases) func everyEnrolmentFieldIsValidated(backend: StorageBackend) async throws
    {
        let harness = try await ServiceHarness(backend)
        let cases: [(String, String, String, String, ServiceError.Code)] = [
            ("12345678", "1990-01-17", "A", "+97336001234", .invalidNationalID),
            ("1234567890", "1990-01-17", "A", "+97336001234", .invalidNationalID),
            ("12345678x", "1990-01-17", "A", "+97336001234", .invalidNationalID),
            ("123456789", "1990-02-30", "A", "+97336001234", .invalidDateOfBirth),
            ("123456789", "2099-01-01", "A", "+97336001234", .invalidDateOfBirth),
            ("123456789", "17/01/1990", "A", "+97336001234", .invalidDateOfBirth),
            ("123456789", "1990-01-17", "  ", "+97336001234", .invalidName),
            ("123456789", "1990-01-17", String(repeating: "a", count: 101), "+97336001234", .invalidName),
            ("123456789", "1990-01-17", "A\u{0}B", "+97336001234", .invalidName),
            ("123456789", "1990-01-17", "A", "36001234", .invalidPhone),
            ("123456789", "1990-01-17", "A", "+0973600123", .invalidPhone),
        ]
        for (id, born, name, phone, expected) in cases {
            let error = await #expect(throws: ServiceError.self) {
                try await harness.services.accounts.enrol(
                    nationalId: id, dateOfBirth: born, names: .init(name: name), phone: phone)
            }
            #expect(error?.code == expected)
        }
        #expect(try await harness.services.outbox.latest(limit: 10).isEmpty)
    }

    @Test(arguments: StorageBackend.allCases) func dependantsMustBeMinorsAndAreVisibleToTheirGuardianOnly(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let parent = try await harness.citizen("900112345")
        let child = try await harness.services.accounts.addDependant(
            nationalId: "150312345", dateOfBirth: "2015-03-01", names: .init(name: "Child"), by: parent)
        #expect(child.guardianId == parent.personID)
        let adult = await #expect(throws: ServiceError.self) {
            try await harness.services.accounts.addDependant(
                nationalId: "800312345", dateOfBirth: "1980-03-01", names: .init(name: "Adult"), by: parent)
        }
        #expect(adult?.code == .notAMinor)
        #expect(
            try await harness.services.accounts.people(visibleTo: parent).map(\.id) == [parent.personID!, child.id])
        let other = try await harness.citizen("910112345", phone: "+97336005678")
        #expect(try await harness.services.accounts.people(visibleTo: other).map(\.id) == [other.personID!])
    }

    /// A child whose own enrolment was under way when a guardian registered them as a dependant cannot finish it:
    /// the code would have claimed the child's record and cut the guardian off.
    @Test(arguments: StorageBackend.allCases) func aCodeSentBeforeAChildBecameADependantDoesNotClaimThem(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        try await harness.services.accounts.enrol(
            nationalId: "150312345", dateOfBirth: "2015-03-01", names: .init(name: "Child"), phone: "+97336007777")
        let code = try #require(try await harness.services.outbox.latest(limit: 1).first?.code)
        let parent = try await harness.citizen("900112345")
        let child = try await harness.services.accounts.addDependant(
            nationalId: "150312345", dateOfBirth: "2015-03-01", names: .init(name: "Child"), by: parent)
        let refused = await #expect(throws: ServiceError.self) {
            try await harness.services.accounts.verify(nationalId: "150312345", code: code)
        }
        #expect(refused?.code == .alreadyRegistered)
        #expect(
            try await harness.services.accounts.people(visibleTo: parent).map(\.id) == [parent.personID!, child.id])
    }
}
