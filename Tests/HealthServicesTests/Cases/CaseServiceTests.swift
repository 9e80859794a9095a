import Foundation
import Testing

@testable import HealthServices

/// Cases and isolation orders on both backends: a positive result opens a case with its order in the same
/// transaction, the status reads the order, the release job ends it on time, and operators follow cases up.
@Suite struct CaseServiceTests {
    /// A person with a phone, so the messages a case sends have somewhere to go.
    static func personWithPhone(_ harness: ServiceHarness, _ nationalId: String) async throws -> Person {
        let details = try harness.services.accounts.checkedDetails(
            nationalId: nationalId, dateOfBirth: "1985-02-11", names: .init(name: "Fatima Ali Hasan"),
            phone: "+97336001234")
        return try require(try await harness.services.accounts.register([details], by: harness.operatorPrincipal).first)
    }

    static func status(_ harness: ServiceHarness, _ person: Person) async throws -> HealthStatus {
        try await harness.services.status.status(for: harness.operatorPrincipal, personID: person.id)
    }

    @Test(arguments: StorageBackend.allCases) func aPositiveResultOpensACaseThatIsReleasedOnTime(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let person = try await Self.personWithPhone(harness, "850211234")
        _ = try await harness.services.results.submit(
            [try harness.item("P-1", "850211234", "positive", hoursAgo: 30)], by: ServiceHarness.lab)

        let opened = try await harness.services.cases.cases(state: "isolating", assignedTo: nil, since: nil)
        let caseFile = try #require(opened.first)
        #expect(opened.count == 1 && caseFile.personId == person.id && caseFile.resultId != nil)
        let sampled = harness.clock.wallClock.now().adding(seconds: -30 * 3600).civilDate
        #expect(caseFile.onset == sampled)
        let details = try await harness.services.cases.details(id: caseFile.id)
        let order = try #require(details.orders.first)
        #expect(details.orders.count == 1 && order.kind == .isolation && order.state == .active)
        #expect(order.startDate == sampled && order.endDate.daysSinceEpoch == sampled.daysSinceEpoch + 10)
        let red = try await Self.status(harness, person)
        #expect(red.colour == .red && red.reason == "isolating" && red.validUntil == order.endsAt)
        let messages = try await harness.services.outbox.latest(limit: 5)
        #expect(messages.contains { $0.to == "+97336001234" && $0.text.contains(order.endDate.iso8601) })

        _ = try await harness.services.results.submit(
            [try harness.item("P-2", "850211234", "positive", test: "rapid-antigen")], by: ServiceHarness.lab)
        #expect(try await harness.services.cases.cases(state: nil, assignedTo: nil, since: nil).count == 1)
        #expect(
            try await harness.services.orders.orderViews(for: harness.operatorPrincipal, personID: person.id).count == 1
        )

        harness.clock.advance(seconds: 5 * 86_400)
        #expect(try await harness.services.orders.releaseDueOrders() == 0)
        let dueAt = order.endsAt.secondsSinceEpoch - harness.clock.wallClock.now().secondsSinceEpoch
        harness.clock.advance(seconds: dueAt)
        #expect(try await harness.services.orders.releaseDueOrders() == 1)
        #expect(try await harness.services.orders.releaseDueOrders() == 0)
        let after = try await harness.services.cases.details(id: caseFile.id)
        #expect(after.caseFile.state == .recovered)
        #expect(after.orders.first?.state == .released && after.orders.first?.releaseReason == "completed")
        let green = try await Self.status(harness, person)
        #expect(green.colour == .green && green.reason == "recovered")
        #expect(try await harness.services.outbox.latest(limit: 1).first?.text.contains("has ended") == true)
        let actions = try await harness.services.audit.latest(limit: 20).map(\.action)
        #expect(actions.contains("case.open") && actions.contains("order.release"))

        // Sampled once the case has recovered: a new infection. (One sampled before, reported now, is the case's.)
        _ = try await harness.services.results.submit(
            [try harness.item("P-3", "850211234", "positive", hoursAgo: 0)], by: ServiceHarness.lab)
        #expect(try await harness.services.cases.cases(state: nil, assignedTo: nil, since: nil).count == 2)
    }

    /// An isolation dated back to the sample's day, made the day after: no check-in was due on a day before the
    /// order was made, so operators are not sent after one; from the day it was made on, a day without one is missed.
    @Test(arguments: StorageBackend.allCases) func noCheckInIsMissedBeforeTheOrderWasMade(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        _ = try await Self.personWithPhone(harness, "850211234")
        _ = try await harness.services.results.submit(
            [try harness.item("P-1", "850211234", "positive", hoursAgo: 30)], by: ServiceHarness.lab)
        let sampled = harness.clock.wallClock.now().adding(seconds: -30 * 3600).civilDate
        let made = harness.clock.wallClock.now().civilDate
        #expect(sampled < made)
        harness.clock.advance(seconds: 86_400)
        #expect(try await harness.services.orders.missedCheckIns(on: sampled.iso8601).isEmpty)
        #expect(try await harness.services.orders.missedCheckIns(on: made.iso8601).count == 1)
    }

    /// The order's last day is missed too, though the release job has ended the order by the time operators ask
    /// about that day; a day after the end is not.
    @Test(arguments: StorageBackend.allCases) func theLastDayIsMissedAfterTheRelease(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        _ = try await Self.personWithPhone(harness, "850211234")
        _ = try await harness.services.results.submit(
            [try harness.item("P-1", "850211234", "positive")], by: ServiceHarness.lab)
        let caseFile = try #require(
            try await harness.services.cases.cases(state: nil, assignedTo: nil, since: nil).first)
        let isolation = try #require(try await harness.services.cases.details(id: caseFile.id).orders.first)
        harness.clock.advance(
            seconds: isolation.endsAt.secondsSinceEpoch - harness.clock.wallClock.now().secondsSinceEpoch + 3600)
        #expect(try await harness.services.orders.releaseDueOrders() == 1)
        let lastDay = CalendarDate(daysSinceEpoch: isolation.endDate.daysSinceEpoch - 1)
        #expect(try await harness.services.orders.missedCheckIns(on: lastDay.iso8601).map(\.id) == [isolation.id])
        #expect(try await harness.services.orders.missedCheckIns(on: isolation.endDate.iso8601).isEmpty)
    }

    /// A guardian's order list holds their dependants' orders with their own, as their results list does.
    @Test(arguments: StorageBackend.allCases) func aGuardianSeesTheirDependantsOrders(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let parent = try await harness.citizen("900112345")
        let child = try await harness.services.accounts.addDependant(
            nationalId: "150312345", dateOfBirth: "2015-03-01", names: .init(name: "Child"), by: parent)
        _ = try await harness.services.results.submit(
            [try harness.item("C-1", "150312345", "positive")], by: ServiceHarness.lab)
        let orders = try await harness.services.orders.orderViews(for: parent, personID: nil)
        #expect(orders.map(\.personId) == [child.id] && orders.first?.kind == .isolation)
        #expect(try await harness.services.orders.orderViews(for: parent, personID: child.id).count == 1)
        #expect(try await harness.services.orders.orderViews(for: parent, personID: parent.personID).isEmpty)
    }

    @Test(arguments: StorageBackend.allCases) func operatorsOpenFollowUpAndCloseCases(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let person = try await harness.person("850211234")
        let cases = harness.services.cases
        let operatorName = harness.operatorPrincipal
        let today = harness.clock.wallClock.now().civilDate
        let (opened, isNew) = try await cases.open(
            nationalID: "850211234", onset: CalendarDate(daysSinceEpoch: today.daysSinceEpoch - 2).iso8601,
            by: operatorName)
        #expect(isNew && opened.resultId == nil && opened.state == .isolating)
        let (joined, joinedIsNew) = try await cases.open(
            nationalID: "850211234", onset: today.iso8601, by: operatorName)
        #expect(!joinedIsNew && joined.id == opened.id)

        _ = try await cases.assign(caseID: opened.id, to: "  Dr. Amina  ", by: operatorName)
        let noted = try await cases.addNote(caseID: opened.id, text: "Called; isolating at home.", by: operatorName)
        #expect(noted.caseFile.assignedTo == "Dr. Amina" && noted.notes.map(\.text) == ["Called; isolating at home."])
        #expect(
            try await cases.cases(state: nil, assignedTo: "Dr. Amina", since: today.iso8601).map(\.id) == [opened.id])
        #expect(try await cases.cases(state: "recovered", assignedTo: nil, since: nil).isEmpty)

        let closed = try await cases.close(caseID: opened.id, by: operatorName)
        #expect(closed.caseFile.state == .closed && closed.orders.allSatisfy { $0.state == .released })
        #expect(try await Self.status(harness, person).colour != .red)

        let failures: [(ServiceError.Code, () async throws -> Void)] = [
            (.caseClosed, { _ = try await cases.close(caseID: opened.id, by: operatorName) }),
            (.caseNotFound, { _ = try await cases.addNote(caseID: "case_none", text: "x", by: operatorName) }),
            (.invalidNote, { _ = try await cases.addNote(caseID: opened.id, text: "  ", by: operatorName) }),
            (.invalidField, { _ = try await cases.cases(state: "healed", assignedTo: nil, since: nil) }),
            (
                .invalidCaseDate,
                { _ = try await cases.open(nationalID: "850211234", onset: "2026-13-01", by: operatorName) }
            ),
            (
                .invalidCaseDate,
                { _ = try await cases.open(nationalID: "850211234", onset: "2099-01-01", by: operatorName) }
            ),
            (
                .personNotFound,
                { _ = try await cases.open(nationalID: "999999999", onset: today.iso8601, by: operatorName) }
            ),
        ]
        for (code, attempt) in failures {
            let error = await #expect(throws: ServiceError.self) { try await attempt() }
            #expect(error?.code == code)
        }
        let actions = try await harness.services.audit.latest(limit: 10).map(\.action)
        #expect(["case.open", "case.assign", "case.note", "case.close"].allSatisfy(actions.contains))
    }

    @Test(arguments: StorageBackend.allCases) func aPositiveCorrectedToNegativeClosesItsCase(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let person = try await harness.person("850211234")
        _ = try await harness.services.results.submit(
            [try harness.item("P-1", "850211234", "positive")], by: ServiceHarness.lab)
        #expect(try await Self.status(harness, person).colour == .red)
        _ = try await harness.services.results.submit(
            [try harness.item("P-1", "850211234", "negative")], by: ServiceHarness.lab)
        let caseFile = try #require(
            try await harness.services.cases.cases(state: nil, assignedTo: nil, since: nil).first)
        #expect(caseFile.state == .closed)
        let details = try await harness.services.cases.details(id: caseFile.id)
        #expect(details.orders.allSatisfy { $0.state == .released && $0.releaseReason == "result-corrected" })
        #expect(try await Self.status(harness, person).colour != .red)
    }

    @Test(arguments: StorageBackend.allCases) func feverOnTheLastCheckInExtendsTheOrderADayAtATime(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let person = try await Self.personWithPhone(harness, "850211234")
        _ = try await harness.services.results.submit(
            [try harness.item("P-1", "850211234", "positive")], by: ServiceHarness.lab)
        let orders = harness.services.orders
        let citizen = Principal(role: .citizen, name: "citizen:\(person.id)", personID: person.id)
        let order = try #require(try await orders.orderViews(for: citizen, personID: nil).first)
        let lastDay = Timestamp(startOfCivilDay: order.endDate).adding(seconds: -3600)
        harness.clock.advance(seconds: lastDay.secondsSinceEpoch - harness.clock.wallClock.now().secondsSinceEpoch)
        _ = try await orders.checkIn(orderID: order.id, symptoms: ["cough"], temperature: 38.4, by: citizen)
        let bad = await #expect(throws: ServiceError.self) {
            try await orders.checkIn(orderID: order.id, symptoms: ["sneezing"], temperature: nil, by: citizen)
        }
        #expect(bad?.code == .invalidSymptom)
        harness.clock.advance(seconds: 3600)
        #expect(try await orders.releaseDueOrders() == 0)
        let extended = try #require(try await orders.orderViews(for: citizen, personID: nil).first)
        #expect(extended.state == .active && extended.extendedDays == 1 && extended.flagged)
        #expect(extended.endDate.daysSinceEpoch == order.endDate.daysSinceEpoch + 1)
        #expect(try await Self.status(harness, person).colour == .red)
        _ = try await orders.checkIn(orderID: order.id, symptoms: [], temperature: 36.8, by: citizen)
        harness.clock.advance(seconds: 86_400)
        #expect(try await orders.releaseDueOrders() == 1)
        let actions = try await harness.services.audit.latest(limit: 10).map(\.action)
        #expect(actions.contains("order.extend") && actions.contains("order.check-in"))
        let other = Principal(role: .citizen, name: "citizen:someone", personID: "per_other")
        let hidden = await #expect(throws: ServiceError.self) {
            try await orders.checkIn(orderID: order.id, symptoms: [], temperature: nil, by: other)
        }
        #expect(hidden?.code == .orderNotFound)
    }

    @Test(arguments: StorageBackend.allCases) func contactDetailsAreErased30DaysAfterTheCaseEnded(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        _ = try await harness.person("850211234")
        let today = harness.clock.wallClock.now().civilDate
        let (caseFile, _) = try await harness.services.cases.open(
            nationalID: "850211234", onset: today.iso8601, by: harness.operatorPrincipal)
        _ = try await harness.services.cases.addContacts(
            [
                .init(
                    name: "Friend", phone: "+97336009999", nationalId: nil, lastContact: today.iso8601, setting: "cafe")
            ],
            caseID: caseFile.id, by: harness.operatorPrincipal)
        #expect(try await harness.services.cases.pendingContacts().count == 1)
        _ = try await harness.services.cases.close(caseID: caseFile.id, by: harness.operatorPrincipal)
        #expect(try await harness.services.cases.pendingContacts().isEmpty)
        harness.clock.advance(seconds: 29 * 86_400)
        #expect(try await harness.services.retention.run().contactDetails == 0)
        harness.clock.advance(seconds: 86_400)
        #expect(try await harness.services.retention.run().contactDetails == 1)
        let contact = try #require(try await harness.services.cases.details(id: caseFile.id).contacts.first)
        #expect(contact.name == nil && contact.phone == nil && contact.setting == nil)
        #expect(contact.lastContact == today)
    }

    /// A dependant with no phone of their own is told of their isolation, and of a quarantine as a contact,
    /// through their guardian's phone.
    @Test(arguments: StorageBackend.allCases) func aDependantIsToldThroughTheirGuardian(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let parent = try await harness.citizen("900112345", phone: "+97336005555")
        let child = try await harness.services.accounts.addDependant(
            nationalId: "150312345", dateOfBirth: "2015-03-01", names: .init(familyName: "Hasan", givenName: "Ali"),
            by: parent)
        _ = try await harness.services.results.submit(
            [try harness.item("C-1", "150312345", "positive")], by: ServiceHarness.lab)
        let isolation = try #require(try await harness.services.outbox.latest(limit: 1).first)
        #expect(isolation.to == "+97336005555")
        #expect(isolation.text.hasPrefix("For Ali, your dependant: You must stay at home in isolation until "))

        let sibling = try await harness.services.accounts.addDependant(
            nationalId: "160312345", dateOfBirth: "2016-03-01", names: .init(familyName: "Hasan", givenName: "Sara"),
            by: parent)
        let caseFile = try #require(
            try await harness.services.cases.cases(state: nil, assignedTo: nil, since: nil).first)
        _ = try await harness.services.cases.addContacts(
            [
                .init(
                    name: "Sara Hasan", phone: nil, nationalId: sibling.nationalId,
                    lastContact: harness.clock.wallClock.now().civilDate.iso8601, setting: nil)
            ],
            caseID: caseFile.id, by: harness.operatorPrincipal)
        let quarantine = try #require(try await harness.services.outbox.latest(limit: 1).first)
        #expect(quarantine.to == "+97336005555" && quarantine.text.hasPrefix("For Sara, your dependant: You were"))
        #expect(child.phone == nil)
    }
}
