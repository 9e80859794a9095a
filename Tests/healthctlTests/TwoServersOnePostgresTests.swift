import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Two `healthctl serve` processes on one PostgreSQL database, as two machines of one deployment would run:
/// seats, the audit chain and idempotency keys hold across them, and one can die without harming the other.
@Suite struct TwoServersOnePostgresTests {
    /// One booking request: who, through which server, and the answer (status 0: no answer, and why).
    struct Outcome: Sendable {
        let person: String
        let slot: String
        let server: Int
        let status: Int
        let body: Data
        var failure: String? = nil

        var json: [String: Any]? { try? JSONSerialization.jsonObject(with: body) as? [String: Any] }
    }

    /// Books `person` on `slot` through one of `servers`.
    ///
    /// The client's timeout counts from the moment the request is queued, and URLSession opens six connections per
    /// host: with 150 requests for one server the last waits behind the others. Under CI's full parallel run 37 of
    /// 300 once had no answer within 20 s, so the timeout here is generous: these tests check what was answered,
    /// the benchmarks how fast.
    static func book(_ person: String, slot: String, on servers: [ServerProcess], _ server: Int, token: String)
        async -> Outcome
    {
        do {
            let answer = try await servers[server].send(
                "/v1/appointments", method: "POST", token: token,
                body: #"{"slotId":"\#(slot)","personId":"\#(person)"}"#, key: "two-\(person)", timeout: 180)
            return Outcome(person: person, slot: slot, server: server, status: answer.status, body: answer.body)
        } catch {
            return Outcome(
                person: person, slot: slot, server: server, status: 0, body: Data(), failure: "\(error)")
        }
    }

    @Test func threeHundredBookingsForFiftySeatsOverTwoServersTakeExactlyFifty() async throws {
        let deployment = try await TestDeployment(slotCount: 1, capacity: 50, peopleCount: 300)
        defer { deployment.remove() }
        let servers = [try await deployment.server(), try await deployment.server()]
        defer { for server in servers { server.terminate() } }
        let slot = deployment.slots[0]
        let outcomes = await withTaskGroup(of: Outcome.self) { group in
            for (index, person) in deployment.people.enumerated() {
                group.addTask { await Self.book(person, slot: slot, on: servers, index % 2, token: deployment.token) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let booked = outcomes.filter { $0.status == 201 }
        #expect(booked.count == 50)
        #expect(
            outcomes.filter { $0.status == 409 && $0.json?["code"] as? String == "slot-full" }.count == 250,
            "\(Set(outcomes.map { "\($0.status) \($0.json?["code"] ?? "") \($0.failure ?? "")" }))")

        let first = try #require(booked.first)
        let replay = await Self.book(first.person, slot: slot, on: servers, 1 - first.server, token: deployment.token)
        // The same appointment, field for field (JSON members come in any order).
        #expect(replay.status == 201 && first.json != nil)
        #expect(replay.json.map(NSDictionary.init) == first.json.map(NSDictionary.init))

        let audit = try await deployment.verifyAudit()
        #expect(audit.status == 0 && audit.standardOutput.contains("intact"), "\(audit.standardError)")
    }

    @Test func aServerKilledMidLoadLosesNoAcknowledgedBookingAndTheOtherKeepsServing() async throws {
        let deployment = try await TestDeployment(slotCount: 20, capacity: 4, peopleCount: 240)
        defer { deployment.remove() }
        let servers = [try await deployment.server(), try await deployment.server()]
        defer { servers[1].terminate() }
        var acknowledged: [Outcome] = []
        var acknowledgedAfterKill = 0
        // 240 people race for 80 seats over both servers, 24 requests at a time; server 0 dies at the 30th
        // acknowledgement.
        await withTaskGroup(of: Outcome.self) { group in
            for (index, person) in deployment.people.enumerated() {
                if index >= 24, let outcome = await group.next(), outcome.status == 201 {
                    acknowledged.append(outcome)
                    if acknowledged.count == 30 { servers[0].kill() }
                    if acknowledged.count > 30 { acknowledgedAfterKill += 1 }
                }
                let slot = deployment.slots[index % deployment.slots.count]
                group.addTask { await Self.book(person, slot: slot, on: servers, index % 2, token: deployment.token) }
            }
            for await outcome in group where outcome.status == 201 { acknowledged.append(outcome) }
        }
        #expect(servers[0].process.terminationReason == .uncaughtSignal)
        #expect(acknowledgedAfterKill > 0, "the surviving server kept booking")

        for booking in acknowledged {
            let id = try #require(booking.json?["id"] as? String)
            let (status, body) = try await servers[1].send("/v1/appointments/\(id)", token: deployment.token)
            let appointment = try JSONSerialization.jsonObject(with: body) as? [String: Any]
            #expect(status == 200 && appointment?["status"] as? String == "booked")
            #expect(appointment?["slotId"] as? String == booking.slot)
        }
        let (_, listed) = try await servers[1].send(
            "/v1/slots?from=\(deployment.start)&limit=500", token: deployment.token)
        let slots = try #require(try JSONSerialization.jsonObject(with: listed) as? [[String: Any]])
        let (_, appointmentList) = try await servers[1].send(
            "/v1/appointments?status=booked&limit=1000", token: deployment.token)
        let booked = try #require(try JSONSerialization.jsonObject(with: appointmentList) as? [[String: Any]])
        let perSlot = Dictionary(grouping: booked, by: { $0["slotId"] as? String ?? "" }).mapValues(\.count)
        for slot in slots {
            let seatsTaken = (slot["capacity"] as? Int ?? 0) - (slot["remaining"] as? Int ?? 0)
            #expect(seatsTaken <= 4)
            #expect(seatsTaken == perSlot[slot["id"] as? String ?? ""] ?? 0, "slot counter matches its appointments")
        }
        #expect(booked.count >= acknowledged.count)
        #expect(try await deployment.verifyAudit().status == 0)
    }
}
