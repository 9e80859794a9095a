import Certificates
import Foundation
import Testing

@testable import HealthSQLite
@testable import HealthServices

/// Names as on the passport: people registered in several scripts get certificates whose `fn`/`gn` are their
/// names as registered and whose `fnt`/`gnt` match the passport's machine-readable zone; a name no ICAO table
/// covers waits for its Latin form.
@Suite struct PassportNameTests {
    /// One registered person and the `nam` their certificate must carry.
    struct Case {
        let nationalId: String
        let names: PersonNameFields
        let expected: [String: String]
    }

    static let cases = [
        // Arabic with the Latin forms of the register: fnt/gnt are those, not a letter-by-letter transliteration.
        Case(
            nationalId: "800100001",
            names: .init(
                familyName: "آل خليفة", givenName: "محمد بن سلمان", familyNameLatin: "Al Khalifa",
                givenNameLatin: "Mohammed bin Salman"),
            expected: ["fn": "آل خليفة", "gn": "محمد بن سلمان", "fnt": "AL<KHALIFA", "gnt": "MOHAMMED<BIN<SALMAN"]),
        // Arabic without Latin forms: the ICAO 9303 Arabic table (XH, XI, XSH; teh marbuta at the end is XAH).
        Case(
            nationalId: "800100002", names: .init(familyName: "الحداد", givenName: "عائشة"),
            expected: ["fn": "الحداد", "gn": "عائشة", "fnt": "ALXHDAD", "gnt": "EAXIXSHXAH"]),
        // Latin with diacritics: the multinational Latin table.
        Case(
            nationalId: "800100003", names: .init(familyName: "Müller-Lüdenscheidt", givenName: "Zoë Åsa"),
            expected: ["fn": "Müller-Lüdenscheidt", "gn": "Zoë Åsa", "fnt": "MUELLER<LUEDENSCHEIDT", "gnt": "ZOE<AASA"]),
        // Vietnamese, family name first: the parts as the register gives them, not the last word.
        Case(
            nationalId: "800100004", names: .init(familyName: "Nguyễn", givenName: "Văn An"),
            expected: ["fn": "Nguyễn", "gn": "Văn An", "fnt": "NGUYEN", "gnt": "VAN<AN"]),
        // Cyrillic: the ICAO 9303 Cyrillic table.
        Case(
            nationalId: "800100005", names: .init(familyName: "Щеглова", givenName: "Юлия"),
            expected: ["fn": "Щеглова", "gn": "Юлия", "fnt": "SHCHEGLOVA", "gnt": "IULIIA"]),
        // Greek has no ICAO table: its Latin forms give fnt/gnt.
        Case(
            nationalId: "800100006",
            names: .init(
                familyName: "Παπαδόπουλος", givenName: "Γιώργος", familyNameLatin: "Papadopoulos",
                givenNameLatin: "Georgios"),
            expected: ["fn": "Παπαδόπουλος", "gn": "Γιώργος", "fnt": "PAPADOPOULOS", "gnt": "GEORGIOS"]),
        // A family name of 84 characters, which the register holds and the schema does not: fn and fnt are cut to
        // 80 (without the space or filler the cut leaves), and the result still gets its certificate.
        Case(
            nationalId: "800100009",
            names: .init(
                familyName: "Bin Abdulrahman Bin Abdulaziz Bin Mohammed Bin Abdullah Bin Faisal Bin Turki Al Saud",
                givenName: "Sultan"),
            expected: [
                "fn": "Bin Abdulrahman Bin Abdulaziz Bin Mohammed Bin Abdullah Bin Faisal Bin Turki Al", "gn": "Sultan",
                "fnt": "BIN<ABDULRAHMAN<BIN<ABDULAZIZ<BIN<MOHAMMED<BIN<ABDULLAH<BIN<FAISAL<BIN<TURKI<AL",
                "gnt": "SULTAN",
            ]),
        // An old client's single name: split at its last word, as before.
        Case(
            nationalId: "800100007", names: .init(name: "Fatima Ali Hasan"),
            expected: ["fn": "Hasan", "gn": "Fatima Ali", "fnt": "HASAN", "gnt": "FATIMA<ALI"]),
    ]

    /// The `nam` of a person's one issued certificate, as a verifier decodes it.
    func name(of person: Person, in harness: ServiceHarness) async throws -> [String: String] {
        let certificates = try await harness.services.certificates.certificates(
            for: harness.operatorPrincipal, personID: person.id)
        let certificate = try #require(certificates.first)
        #expect(certificates.count == 1)
        let verified = try await harness.verify(certificate.hc1)
        #expect(verified.isValid)
        guard case .object(let members) = try #require(verified.healthCertificate?.json["nam"]) else { return [:] }
        return Dictionary(
            uniqueKeysWithValues: members.compactMap { member in member.value.stringValue.map { (member.key, $0) } })
    }

    func register(_ nationalId: String, _ names: PersonNameFields, in harness: ServiceHarness) async throws -> Person {
        let details = try harness.services.accounts.checkedDetails(
            nationalId: nationalId, dateOfBirth: "1988-04-02", names: names, phone: nil)
        return try #require(
            try await harness.services.accounts.register([details], by: harness.operatorPrincipal).first)
    }

    @Test(arguments: StorageBackend.allCases) func certificatesCarryTheNamesOfThePassport(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        for (index, testCase) in Self.cases.enumerated() {
            let person = try await register(testCase.nationalId, testCase.names, in: harness)
            #expect(person.nameWasSplit == (testCase.names.familyName == nil))
            let outcome = try await harness.services.results.submit(
                [try harness.item("N-\(index)", testCase.nationalId, "negative")], by: ServiceHarness.lab)
            #expect(outcome[0].certificateId != nil && outcome[0].certificateWaiting == nil)
            #expect(try await name(of: person, in: harness) == testCase.expected, "\(testCase.nationalId)")
        }
    }

    @Test(arguments: StorageBackend.allCases) func aNameNoTableCoversWaitsForItsLatinForm(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let person = try await register("800100008", .init(familyName: "王", givenName: "秀英"), in: harness)
        let outcome = try await harness.services.results.submit(
            [try harness.item("C-1", "800100008", "negative")], by: ServiceHarness.lab)
        #expect(outcome[0].status == .created && outcome[0].resultId != nil)
        #expect(outcome[0].certificateId == nil && outcome[0].certificateWaiting == "name-needs-latin-form")
        let certificates = harness.services.certificates
        #expect(try await certificates.certificates(for: harness.operatorPrincipal, personID: person.id).isEmpty)
        let waiting = try await certificates.waitingCertificates(for: harness.operatorPrincipal, personID: person.id)
        #expect(waiting.map(\.reason) == ["name-needs-latin-form"] && waiting.map(\.type) == [.test])

        let onlyFamily = try await harness.services.passportNames.setLatinName(
            nationalId: "800100008", familyNameLatin: "Wang", givenNameLatin: nil, by: harness.operatorPrincipal)
        #expect(onlyFamily.issued.isEmpty && onlyFamily.stillWaiting.map(\.id) == waiting.map(\.id))

        let update = try await harness.services.passportNames.setLatinName(
            nationalId: "800100008", familyNameLatin: nil, givenNameLatin: "Xiuying", by: harness.operatorPrincipal)
        #expect(update.issued.count == 1 && update.stillWaiting.isEmpty)
        #expect(update.person.familyNameLatin == "Wang" && update.person.givenNameLatin == "Xiuying")
        #expect(try await name(of: person, in: harness) == ["fn": "王", "gn": "秀英", "fnt": "WANG", "gnt": "XIUYING"])
        #expect(try await certificates.waitingCertificates(for: harness.operatorPrincipal, personID: person.id).isEmpty)
        let audit = try await harness.services.audit.latest(limit: 10).map(\.action)
        #expect(audit.filter { $0 == "person.set-latin-name" }.count == 2)
    }

    /// A recovery certificate still waiting for its Latin name when its 180 days are over is resolved without a
    /// certificate: the name is recorded, nothing is left waiting.
    @Test(arguments: StorageBackend.allCases) func aLatinNameAfterTheRecoveryPeriodResolvesItsWaitWithoutACertificate(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let person = try await register("800100013", .init(familyName: "王", givenName: "秀英"), in: harness)
        let outcome = try await harness.services.results.submit(
            [try harness.item("P-1", "800100013", "positive")], by: ServiceHarness.lab)
        #expect(outcome[0].certificateWaiting == "name-needs-latin-form")
        harness.clock.advance(seconds: 200 * 86_400)
        // Past its 180 days the wait is no longer listed: nothing can issue that certificate.
        #expect(
            try await harness.services.certificates.waitingCertificates(
                for: harness.operatorPrincipal, personID: person.id
            ).isEmpty)

        let update = try await harness.services.passportNames.setLatinName(
            nationalId: "800100013", familyNameLatin: "Wang", givenNameLatin: "Xiuying", by: harness.operatorPrincipal)
        #expect(update.issued.isEmpty && update.stillWaiting.isEmpty && update.person.familyNameLatin == "Wang")
        let certificates = harness.services.certificates
        #expect(try await certificates.waitingCertificates(for: harness.operatorPrincipal, personID: person.id).isEmpty)
        #expect(try await certificates.certificates(for: harness.operatorPrincipal, personID: person.id).isEmpty)
    }

    @Test(arguments: StorageBackend.allCases) func aDoseCertificateWaitsAndIsIssuedWithTheLatinName(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let person = try await register("800100012", .init(familyName: "王", givenName: "秀英"), in: harness)
        let (_, slots) = try await harness.centreWithSlots(service: "comirnaty")
        let appointment = try await harness.checkedIn(personID: person.id, slot: slots[0])
        let (dose, outcome) = try await harness.services.vaccinations.record(
            appointmentID: appointment.id, lot: "FK1", doseNumber: 1, totalDoses: 2,
            administeredAt: "2026-03-02T08:04:00Z", by: ServiceHarness.vaccinator)
        let waiting = try #require(outcome.waiting)
        #expect(outcome.issued == nil && waiting.type == .vaccination && waiting.vaccinationId == dose.id)

        let update = try await harness.services.passportNames.setLatinName(
            nationalId: "800100012", familyNameLatin: "Wang", givenNameLatin: "Xiuying", by: harness.operatorPrincipal)
        let certificate = try #require(update.issued.first)
        #expect(update.issued.count == 1 && certificate.type == .vaccination && certificate.vaccinationId == dose.id)
        #expect(try await name(of: person, in: harness) == ["fn": "王", "gn": "秀英", "fnt": "WANG", "gnt": "XIUYING"])
    }

    /// Latin forms corrected after a certificate was issued (a typo in the register): the certificate is issued
    /// again with them and the old one revoked, so the name border staff compare with the passport is the
    /// passport's; giving the same forms again changes nothing.
    @Test(arguments: StorageBackend.allCases) func aCorrectedLatinNameIsIssuedOnTheCertificatesAlreadyIssued(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let person = try await register("800100021", .init(familyName: "Aly", givenName: "Fatima"), in: harness)
        let outcome = try await harness.services.results.submit(
            [try harness.item("T-1", "800100021", "negative")], by: ServiceHarness.lab)
        let certificates = harness.services.certificates
        let old = try await certificates.certificate(
            id: try #require(outcome[0].certificateId), for: harness.operatorPrincipal)

        let update = try await harness.services.passportNames.setLatinName(
            nationalId: "800100021", familyNameLatin: "Ali", givenNameLatin: nil, by: harness.operatorPrincipal)
        #expect(update.issued.count == 1 && update.issued.first?.resultId == old.resultId)
        let revoked = try await certificates.certificate(id: old.id, for: harness.operatorPrincipal)
        #expect(revoked.revocationReason == "name-corrected")
        #expect(try await harness.verify(old.hc1).error?.code == .revoked)
        let active = try await certificates.certificates(for: harness.operatorPrincipal, personID: person.id)
            .filter { !$0.isRevoked }
        #expect(active.map(\.id) == update.issued.map(\.id))
        let name = try await harness.verify(try #require(active.first).hc1).healthCertificate?.json["nam"]
        #expect(name?["fnt"]?.stringValue == "ALI" && name?["gnt"]?.stringValue == "FATIMA")

        let again = try await harness.services.passportNames.setLatinName(
            nationalId: "800100021", familyNameLatin: "Ali", givenNameLatin: nil, by: harness.operatorPrincipal)
        #expect(again.issued.isEmpty)
    }

    @Test(arguments: StorageBackend.allCases) func latinFormsMustBeInLatinLetters(backend: StorageBackend) async throws
    {
        let harness = try await ServiceHarness(backend)
        let error = #expect(throws: ServiceError.self) {
            try harness.services.accounts.checkedDetails(
                nationalId: "800100009", dateOfBirth: "1988-04-02",
                names: .init(familyName: "王", familyNameLatin: "王"), phone: nil)
        }
        #expect(error?.code == .invalidName)
        _ = try await register("800100009", .init(familyName: "王"), in: harness)
        await #expect(throws: ServiceError.self) {
            _ = try await harness.services.passportNames.setLatinName(
                nationalId: "800100009", familyNameLatin: "Иван", givenNameLatin: nil, by: harness.operatorPrincipal)
        }
        let missing = #expect(throws: ServiceError.self) {
            try harness.services.accounts.checkedDetails(
                nationalId: "800100010", dateOfBirth: "1988-04-02", names: .init(givenName: "Anna"), phone: nil)
        }
        #expect(missing?.code == .invalidName)
        // A Latin given name for a person with no given name would be left out of every certificate.
        let unmatched = #expect(throws: ServiceError.self) {
            try harness.services.accounts.checkedDetails(
                nationalId: "800100011", dateOfBirth: "1988-04-02",
                names: .init(familyName: "محمد", givenNameLatin: "Mohammed"), phone: nil)
        }
        #expect(unmatched?.code == .invalidName)
        let mononym = await #expect(throws: ServiceError.self) {
            _ = try await harness.services.passportNames.setLatinName(
                nationalId: "800100009", familyNameLatin: "Wang", givenNameLatin: "Xiu", by: harness.operatorPrincipal)
        }
        #expect(mononym?.code == .invalidName)
    }

    /// A person stored before this change (one `name`, no name parts) reads back split, as their certificates
    /// have always been made.
    @Test func peopleRegisteredBeforeTheMigrationKeepTheirName() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let before = try SQLiteDatabase(
                .file(path: directory.appendingPathComponent(HealthStorage.healthFileName).path),
                migrations: Array(
                    SQLiteHealthSchema.migrations.prefix { $0.version < SQLiteHealthSchema.names.version }))
            try await before.groupedWrite { connection in
                _ = try connection.run(
                    """
                    INSERT INTO people (id, national_id, date_of_birth, name, created_at)
                    VALUES ('per_old', '800100011', '1970-01-02', 'Maryam Yusuf Al Sayed', '2025-01-01T00:00:00Z')
                    """)
            }
        }
        let harness = try await ServiceHarness(.sqlite, sqliteStorage: .directory(directory.path))
        let person = try await harness.services.accounts.person(nationalId: "800100011")
        #expect(person.nameWasSplit && person.name == "Maryam Yusuf Al Sayed")
        #expect(person.familyName == "Sayed" && person.givenName == "Maryam Yusuf Al")
        _ = try await harness.services.results.submit(
            [try harness.item("O-1", "800100011", "negative")], by: ServiceHarness.lab)
        #expect(
            try await name(of: person, in: harness)
                == ["fn": "Sayed", "gn": "Maryam Yusuf Al", "fnt": "SAYED", "gnt": "MARYAM<YUSUF<AL"])
    }
}
