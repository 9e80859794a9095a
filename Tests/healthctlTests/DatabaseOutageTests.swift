import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// PostgreSQL stopped for 10 s under load (as a crash would stop it) and started again, on a cluster of the test's
/// own: every request meanwhile is refused within the server's 2 s wait with 503 `database-unavailable` and
/// `Retry-After` (never a 500), `/readyz` is 503 and then 200 again, the server resumes by itself, and the database
/// afterwards holds every write answered 2xx and none answered `database-unavailable`.
@Suite struct DatabaseOutageTests {
    /// The server's wait for a connection (`--database-wait`, its default), and what a loaded two-core machine
    /// may add to an answer on top of it.
    static let wait = Duration.seconds(2)
    static let slack = Duration.seconds(2)
    static let outage = Duration.seconds(10)

    @Test func aTenSecondOutageUnderLoadIsRefusedWithinTheWaitAndLosesNoAcknowledgedWrite() async throws {
        let cluster = try await onOwnThread { try ThrowawayPostgresCluster() }
        defer { cluster.remove() }
        let deployment = try await TestDeployment(slotCount: 20, capacity: 40, peopleCount: 600, on: cluster.url)
        defer { deployment.remove() }
        let lab = try await deployment.token(role: "lab", name: "outage-lab")
        let server = try await deployment.server()
        defer { server.terminate() }
        let load = OutageLoad(server: server, deployment: deployment, labToken: lab)
        // The answers are timed in this test process, which other suites may keep from running for a while.
        let gauge = StallGauge()
        let gauging = Task { await gauge.run() }
        defer { gauging.cancel() }

        let timeline = try await load.run(around: cluster, outage: Self.outage)
        let answers = await load.log.answers
        let readiness = answers.filter { $0.kind == .readiness }
        let writes = answers.filter { $0.kind != .readiness }

        // No 500s, no dropped connections: every answer is a success or a temporary refusal.
        #expect(answers.allSatisfy { [200, 201, 503].contains($0.status) }, "\(Set(answers.map(\.status)))")
        let refused = writes.filter { $0.status == 503 }
        #expect(refused.allSatisfy { ["database-unavailable", "write-outcome-unknown"].contains($0.code ?? "") })
        #expect(refused.allSatisfy { $0.retryAfter == "5" })
        // Refused within the wait: a request sent in the outage from its start, one already running when PostgreSQL
        // stopped (whose session died under it) from the stop.
        let late = refused.filter {
            $0.started + $0.latency > max($0.started, timeline.stopped) + Self.wait + Self.slack + gauge.stalled
        }
        #expect(late.isEmpty, "\(late.map { ($0.started, $0.latency) }) stopped at \(timeline.stopped)")
        // What was sent while the server was down was refused, all of it.
        let duringOutage = answers.filter {
            $0.started >= timeline.stopped && $0.started + $0.latency <= timeline.restarting
        }
        try #require(duringOutage.filter { $0.kind != .readiness }.count >= 10, "the load went on in the outage")
        #expect(duringOutage.contains { $0.kind == .readiness })
        #expect(duringOutage.allSatisfy { $0.status == 503 })
        #expect(duringOutage.allSatisfy { $0.kind == .readiness || $0.code == "database-unavailable" })
        // Ready again, and serving again, without a restart.
        let readyAgain = try #require(readiness.first { $0.started >= timeline.restarting && $0.status == 200 })
        let servingAgain = try #require(writes.first { $0.started >= timeline.restarting && $0.status / 100 == 2 })
        #expect(readiness.last?.status == 200)

        try await Self.expectDatabaseHoldsExactlyTheAcknowledgedWrites(writes, deployment: deployment, server: server)
        #expect(try await deployment.verifyAudit().status == 0)

        let latencies = refused.map(\.latency).sorted()
        print(
            """
            outage: \(writes.count) writes, \(refused.count) refused (\
            \(writes.filter { $0.code == "write-outcome-unknown" }.count) of unknown outcome); 503 latency median \
            \(latencies[latencies.count / 2]), max \(latencies.last!); /readyz 200 \
            \(readyAgain.started - timeline.restarting) and a write done \
            \(servingAgain.started + servingAgain.latency - timeline.restarting) after PostgreSQL was started again \
            (start took \(timeline.started - timeline.restarting))
            """)
    }

    /// Every booking and lab batch answered 2xx is stored; every one answered `database-unavailable` is not; one of
    /// unknown outcome is stored whole or not at all. Read back through the API.
    static func expectDatabaseHoldsExactlyTheAcknowledgedWrites(
        _ writes: [OutageLoad.Answer], deployment: TestDeployment, server: ServerProcess
    ) async throws {
        let (_, listed) = try await server.send("/v1/appointments?status=booked&limit=1000", token: deployment.token)
        let booked = try #require(try JSONSerialization.jsonObject(with: listed) as? [[String: Any]])
        let bookedPeople = Dictionary(
            booked.map { ($0["personId"] as? String ?? "", $0["id"] as? String ?? "") }, uniquingKeysWith: { $1 })
        var samples: Set<String> = []
        for person in OutageLoad.labPeople(of: deployment) {
            let (_, body) = try await server.send("/v1/results?personId=\(person.id)", token: deployment.token)
            let results = try #require(try JSONSerialization.jsonObject(with: body) as? [[String: Any]])
            samples.formUnion(results.compactMap { $0["sampleId"] as? String })
        }
        var unknownStored = 0
        for write in writes {
            switch write.kind {
            case .booking(let person):
                let stored = bookedPeople[person]
                if write.status == 201 {
                    #expect(stored != nil && stored == write.json?["id"] as? String, "acknowledged booking lost")
                } else if write.code == "database-unavailable" {
                    #expect(stored == nil, "a booking refused as database-unavailable was stored")
                } else if stored != nil {
                    unknownStored += 1
                }
            case .labBatch(let batch):
                let stored = batch.filter(samples.contains)
                if write.status == 200 {
                    #expect(write.items?.allSatisfy { $0["status"] as? String == "created" } == true)
                    #expect(stored.count == batch.count, "acknowledged lab results lost")
                } else if write.code == "database-unavailable" {
                    #expect(stored.isEmpty, "lab results refused as database-unavailable were stored")
                } else {
                    #expect(
                        stored.isEmpty || stored.count == batch.count, "a batch of unknown outcome is whole or absent")
                }
            case .readiness:
                break
            }
        }
        #expect(booked.count == writes.filter { $0.status == 201 }.count + unknownStored, "nothing else was booked")
    }
}
