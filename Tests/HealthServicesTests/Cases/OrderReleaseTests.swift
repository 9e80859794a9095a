import Testing

@testable import HealthServices

/// How orders end when several things end them: release passes that overlap (two servers on PostgreSQL), and cases
/// closed while a contact's quarantine rests on another case too.
@Suite struct OrderReleaseTests {
    /// An isolation order on its last day whose check-in reported fever, the clock moved to its end.
    static func feverishOrderAtItsEnd(_ harness: ServiceHarness) async throws -> Order {
        let person = try await CaseServiceTests.personWithPhone(harness, "850211234")
        _ = try await harness.services.results.submit(
            [try harness.item("P-1", "850211234", "positive")], by: ServiceHarness.lab)
        let citizen = Principal(role: .citizen, name: "citizen:\(person.id)", personID: person.id)
        let view = try #require(try await harness.services.orders.orderViews(for: citizen, personID: nil).first)
        let lastDay = Timestamp(startOfCivilDay: view.endDate).adding(seconds: -3600)
        harness.clock.advance(seconds: lastDay.secondsSinceEpoch - harness.clock.wallClock.now().secondsSinceEpoch)
        _ = try await harness.services.orders.checkIn(
            orderID: view.id, symptoms: ["fever"], temperature: 38.9, by: citizen)
        harness.clock.advance(seconds: 3600)
        return try #require(try await harness.services.stores.records.read { try await $0.cases.order(id: view.id) })
    }

    /// Two release passes that read the same due order (two servers' jobs on PostgreSQL, or a job and
    /// `maintenance run`) extend it once: one more day, one message, one audit entry.
    @Test(arguments: StorageBackend.allCases) func twoPassesThatReadTheSameOrderExtendItOnce(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let read = try await Self.feverishOrderAtItsEnd(harness)
        let now = harness.clock.wallClock.now()
        for _ in 0..<2 {
            try await harness.services.stores.records.write { transaction in
                try await OrderService.extend(read, at: now, in: transaction)
            }
        }
        let order = try #require(
            try await harness.services.stores.records.read { try await $0.cases.order(id: read.id) })
        #expect(order.extendedDays == 1 && order.endDate.daysSinceEpoch == read.endDate.daysSinceEpoch + 1)
        let entries = try await harness.services.audit.latest(limit: 20)
        #expect(entries.filter { $0.action == "order.extend" }.count == 1)
        let messages = try await harness.services.outbox.latest(limit: 20)
        #expect(messages.filter { $0.text.hasPrefix("You reported fever") }.count == 1)
    }

    /// A recovered case an operator closes later keeps the time it ended: retention erases its contacts' details
    /// 30 days after that, not after the closing.
    @Test(arguments: StorageBackend.allCases) func closingARecoveredCaseKeepsTheTimeItEnded(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        _ = try await harness.person("850211234")
        _ = try await harness.services.results.submit(
            [try harness.item("P-1", "850211234", "positive")], by: ServiceHarness.lab)
        let caseFile = try #require(
            try await harness.services.cases.cases(state: nil, assignedTo: nil, since: nil).first)
        harness.clock.advance(seconds: 11 * 86_400)
        #expect(try await harness.services.orders.releaseDueOrders() == 1)
        let recovered = try await harness.services.cases.details(id: caseFile.id).caseFile
        #expect(recovered.state == .recovered && recovered.closedAt != nil)
        harness.clock.advance(seconds: 29 * 86_400)
        let closed = try await harness.services.cases.close(caseID: caseFile.id, by: harness.operatorPrincipal)
        #expect(closed.caseFile.state == .closed && closed.caseFile.closedAt == recovered.closedAt)
    }

    /// Cases of 850211234 and 850211235 opened yesterday, and a registered contact (850211236, with a phone).
    struct TwoCases {
        let first: Case
        let second: Case
        let contact: Person
    }

    static func twoCasesAndAContact(_ harness: ServiceHarness) async throws -> TwoCases {
        let yesterday = CalendarDate(daysSinceEpoch: harness.clock.wallClock.now().civilDate.daysSinceEpoch - 1)
        var opened: [Case] = []
        for nationalID in ["850211234", "850211235"] {
            _ = try await harness.person(nationalID)
            opened.append(
                try await harness.services.cases.open(
                    nationalID: nationalID, onset: yesterday.iso8601, by: harness.operatorPrincipal
                ).0)
        }
        let contact = try await CaseServiceTests.personWithPhone(harness, "850211236")
        return TwoCases(first: opened[0], second: opened[1], contact: contact)
    }

    func name(_ contact: Person, metOn day: CalendarDate) -> CaseService.ContactInput {
        .init(
            name: "Fatima Ali Hasan", phone: nil, nationalId: contact.nationalId, lastContact: day.iso8601, setting: nil
        )
    }

    func day(_ harness: ServiceHarness, _ offset: Int64) -> CalendarDate {
        CalendarDate(daysSinceEpoch: harness.clock.wallClock.now().civilDate.daysSinceEpoch + offset)
    }

    func activeOrders(of person: Person, _ harness: ServiceHarness) async throws -> [Order] {
        try await harness.services.stores.records.read { try await $0.cases.orders(ofPeople: [person.id]) }
            .filter { $0.state == .active }
    }

    /// A contact both cases name shares one quarantine (the first, longer, is kept). Closing the first case leaves it
    /// in force for the second, ending when the second contact's quarantine does; closing the second ends it.
    @Test(arguments: StorageBackend.allCases) func closingACaseKeepsTheQuarantineAnotherOpenCaseShares(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let setup = try await Self.twoCasesAndAContact(harness)
        let cases = harness.services.cases
        let op = harness.operatorPrincipal
        _ = try await cases.addContacts([name(setup.contact, metOn: day(harness, 0))], caseID: setup.first.id, by: op)
        _ = try await cases.addContacts([name(setup.contact, metOn: day(harness, -1))], caseID: setup.second.id, by: op)
        let shared = try #require(try await activeOrders(of: setup.contact, harness).first)
        #expect(try await activeOrders(of: setup.contact, harness).count == 1 && shared.caseId == setup.first.id)

        let closed = try await cases.close(caseID: setup.first.id, by: op)
        #expect(closed.orders.map(\.kind) == [.isolation])
        let kept = try #require(try await activeOrders(of: setup.contact, harness).first)
        #expect(kept.id == shared.id && kept.caseId == setup.second.id && kept.endDate == day(harness, 6))
        let messages = try await harness.services.outbox.latest(limit: 1)
        #expect(
            messages.first?.text == "Your quarantine now ends on \(day(harness, 6).iso8601); stay at home until then.")

        _ = try await cases.close(caseID: setup.second.id, by: op)
        #expect(try await activeOrders(of: setup.contact, harness).isEmpty)
        #expect(try await harness.services.outbox.latest(limit: 1).first?.text.contains("has ended") == true)
    }

    /// The second case recovered (its isolation over) before the first closed: its contact's quarantine still runs
    /// its days, so the shared order stays for it.
    @Test(arguments: StorageBackend.allCases) func aRecoveredCaseStillSharesItsContactsQuarantine(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let cases = harness.services.cases
        let op = harness.operatorPrincipal
        _ = try await harness.person("850211234")
        _ = try await harness.person("850211235")
        let first = try await cases.open(nationalID: "850211234", onset: day(harness, -1).iso8601, by: op).0
        let second = try await cases.open(nationalID: "850211235", onset: day(harness, -9).iso8601, by: op).0
        let contact = try await CaseServiceTests.personWithPhone(harness, "850211236")
        _ = try await cases.addContacts([name(contact, metOn: day(harness, 0))], caseID: first.id, by: op)
        _ = try await cases.addContacts([name(contact, metOn: day(harness, -1))], caseID: second.id, by: op)
        let shared = try #require(try await activeOrders(of: contact, harness).first)
        let secondEnd = day(harness, 6)
        harness.clock.advance(seconds: 2 * 86_400)
        _ = try await harness.services.orders.releaseDueOrders()
        #expect(try await cases.details(id: second.id).caseFile.state == .recovered)

        _ = try await cases.close(caseID: first.id, by: op)
        let kept = try #require(try await activeOrders(of: contact, harness).first)
        #expect(kept.id == shared.id && kept.caseId == second.id && kept.endDate == secondEnd)
    }

    /// A contact the second case names with a later last contact keeps one quarantine, lengthened and given to the
    /// second case (one check-in a day, counted once); closing the second case gives it back to the first, ending
    /// when the first contact's quarantine does.
    @Test(arguments: StorageBackend.allCases) func aContactNamedAgainLaterKeepsOneQuarantineLengthened(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let setup = try await Self.twoCasesAndAContact(harness)
        let cases = harness.services.cases
        let op = harness.operatorPrincipal
        _ = try await cases.addContacts([name(setup.contact, metOn: day(harness, -1))], caseID: setup.first.id, by: op)
        let first = try #require(try await activeOrders(of: setup.contact, harness).first)
        _ = try await cases.addContacts([name(setup.contact, metOn: day(harness, 0))], caseID: setup.second.id, by: op)
        let lengthened = try await activeOrders(of: setup.contact, harness)
        #expect(lengthened.map(\.id) == [first.id] && lengthened.first?.caseId == setup.second.id)
        #expect(lengthened.first?.endDate == day(harness, 7) && lengthened.first?.startDate == day(harness, -1))
        #expect(
            try await harness.services.outbox.latest(limit: 1).first?.text
                == "Your quarantine now ends on \(day(harness, 7).iso8601); stay at home until then.")

        _ = try await cases.close(caseID: setup.second.id, by: op)
        let back = try await activeOrders(of: setup.contact, harness)
        #expect(back.map(\.id) == [first.id] && back.first?.caseId == setup.first.id)
        #expect(back.first?.endDate == day(harness, 6))
    }

    /// A contact in quarantine whose positive result is corrected to negative is back in quarantine: their case
    /// closes, and the quarantine it had ended is in force again, with a message saying so.
    @Test(arguments: StorageBackend.allCases) func aContactWhosePositiveIsCorrectedIsBackInQuarantine(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let setup = try await Self.twoCasesAndAContact(harness)
        _ = try await harness.services.cases.addContacts(
            [name(setup.contact, metOn: day(harness, 0))], caseID: setup.first.id, by: harness.operatorPrincipal)
        let quarantine = try #require(try await activeOrders(of: setup.contact, harness).first)
        _ = try await harness.services.results.submit(
            [try harness.item("J-1", "850211236", "positive")], by: ServiceHarness.lab)
        #expect(try await activeOrders(of: setup.contact, harness).map(\.kind) == [.isolation])
        _ = try await harness.services.results.submit(
            [try harness.item("J-1", "850211236", "negative")], by: ServiceHarness.lab)
        let orders = try await activeOrders(of: setup.contact, harness)
        #expect(orders.map(\.id) == [quarantine.id] && orders.first?.endDate == quarantine.endDate)
        let message = try #require(try await harness.services.outbox.latest(limit: 1).first?.text)
        #expect(message.contains("still in quarantine until \(quarantine.endDate.iso8601)"))
    }

    /// The quarantine the second case took over, ended when the contact became a case, comes back for the first
    /// case (until its own contact's end) when the contact's positive is withdrawn after the second case closed.
    @Test(arguments: StorageBackend.allCases) func aWithdrawnPositiveReinstatesAQuarantineForTheCaseStillNeedingIt(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let setup = try await Self.twoCasesAndAContact(harness)
        let cases = harness.services.cases
        let op = harness.operatorPrincipal
        _ = try await cases.addContacts([name(setup.contact, metOn: day(harness, -1))], caseID: setup.first.id, by: op)
        _ = try await cases.addContacts([name(setup.contact, metOn: day(harness, 0))], caseID: setup.second.id, by: op)
        let quarantine = try #require(try await activeOrders(of: setup.contact, harness).first)
        _ = try await harness.services.results.submit(
            [try harness.item("J-1", "850211236", "positive")], by: ServiceHarness.lab)
        _ = try await cases.close(caseID: setup.second.id, by: op)
        _ = try await harness.services.results.submit(
            [try harness.item("J-1", "850211236", "negative")], by: ServiceHarness.lab)
        let back = try await activeOrders(of: setup.contact, harness)
        #expect(back.map(\.id) == [quarantine.id] && back.first?.caseId == setup.first.id)
        #expect(back.first?.endDate == day(harness, 6))
    }

    /// A contact the first case names, met three days ago, and their quarantine; two days on (the test day) they test
    /// positive (`J-1`), which ends the quarantine (`became-case`).
    func quarantinedContactTestingPositiveOnTheTestDay(_ harness: ServiceHarness) async throws
        -> (TwoCases, Order)
    {
        let setup = try await Self.twoCasesAndAContact(harness)
        _ = try await harness.services.cases.addContacts(
            [name(setup.contact, metOn: day(harness, -3))], caseID: setup.first.id, by: harness.operatorPrincipal)
        let quarantine = try #require(try await activeOrders(of: setup.contact, harness).first)
        harness.clock.advance(seconds: 2 * 86_400)
        _ = try await harness.services.results.submit(
            [try harness.item("J-1", "850211236", "positive")], by: ServiceHarness.lab)
        return (setup, quarantine)
    }

    /// The same on the quarantine's test day: the corrected result is the negative PCR that ends the quarantine
    /// early, so it is not announced as back in force, only the isolation's end is.
    @Test(arguments: StorageBackend.allCases) func aContactsPositiveCorrectedOnTheTestDayEndsTheQuarantineToo(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let (setup, quarantine) = try await quarantinedContactTestingPositiveOnTheTestDay(harness)
        let before = try await harness.services.outbox.latest(limit: 100).count
        _ = try await harness.services.results.submit(
            [try harness.item("J-1", "850211236", "negative")], by: ServiceHarness.lab)
        #expect(try await activeOrders(of: setup.contact, harness).isEmpty)
        let released = try await harness.services.stores.records.read { try await $0.cases.order(id: quarantine.id) }
        #expect(released?.state == .released && released?.releaseReason == "negative-test")
        let told = try await harness.services.outbox.latest(limit: 100).dropLast(before).map(\.text)
        #expect(told.count == 1 && told.first?.contains("isolation has ended") == true, "\(told)")
    }

    /// The same corrected a day later: the quarantine stays ended as the isolation left it, now for that negative,
    /// rather than come back as a new order from today that the correction ends at once, one the person was never
    /// under; that negative withdrawn in turn, the quarantine is back.
    @Test(arguments: StorageBackend.allCases) func aContactsPositiveCorrectedDaysLaterLeavesTheQuarantineEnded(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let (setup, quarantine) = try await quarantinedContactTestingPositiveOnTheTestDay(harness)
        harness.clock.advance(seconds: 86_400)
        _ = try await harness.services.results.submit(
            [try harness.item("J-1", "850211236", "negative", hoursAgo: 26)], by: ServiceHarness.lab)
        let orders = try await harness.services.stores.records.read {
            try await $0.cases.orders(ofPeople: [setup.contact.id])
        }
        #expect(orders.filter { $0.kind == .quarantine }.map(\.id) == [quarantine.id], "\(orders)")
        #expect(orders.allSatisfy { $0.state == .released })
        #expect(orders.first { $0.id == quarantine.id }?.releaseReason == "negative-test")
        // That negative withdrawn in turn (redated before the test day), the quarantine is back: nothing ends it now.
        _ = try await harness.services.results.submit(
            [try harness.item("J-1", "850211236", "negative", hoursAgo: 50)], by: ServiceHarness.lab)
        #expect(try await activeOrders(of: setup.contact, harness).count == 1)
    }

    /// The early release's test day counts from the last exposure: a second case naming the contact later lengthens
    /// the quarantine, and a negative PCR sampled two days after that exposure (day 5 after the first) ends nothing.
    @Test(arguments: StorageBackend.allCases) func theTestDayCountsFromTheLatestContact(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let setup = try await Self.twoCasesAndAContact(harness)
        let cases = harness.services.cases
        let op = harness.operatorPrincipal
        let today = day(harness, 0)
        _ = try await cases.addContacts([name(setup.contact, metOn: day(harness, -3))], caseID: setup.first.id, by: op)
        _ = try await cases.addContacts([name(setup.contact, metOn: today)], caseID: setup.second.id, by: op)
        harness.clock.advance(seconds: 2 * 86_400)
        _ = try await harness.services.results.submit(
            [try harness.item("Q-1", "850211236", "negative")], by: ServiceHarness.lab)
        let kept = try await activeOrders(of: setup.contact, harness)
        #expect(kept.count == 1 && kept.first?.endDate == CalendarDate(daysSinceEpoch: today.daysSinceEpoch + 7))

        harness.clock.advance(seconds: 3 * 86_400)
        _ = try await harness.services.results.submit(
            [try harness.item("Q-2", "850211236", "negative")], by: ServiceHarness.lab)
        #expect(try await activeOrders(of: setup.contact, harness).isEmpty)
    }
}
