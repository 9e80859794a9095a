import Foundation
import Testing

/// Eight labs upload 1,000-result batches at once to a real server, round after round, while staff book
/// appointments: every answer is true. A batch or booking answered 200/201 is stored, one answered with an error
/// is not, and nothing is answered 500.
@Suite struct LabUploadLoadTests {
    static let labCount = 8
    static let batchSize = 1_000
    static let rounds = 3
    static let bookingsPerRound = 40
    // Enough people that a batch changes more than 8 MiB of existing index pages: the size at which SQLite once
    // spilled its statement journal and failed with a false SQLITE_FULL.
    static let peopleCount = 10_000

    /// One request's answer (status 0: no answer at all).
    struct Answer: Sendable {
        enum Kind: Sendable { case batch(lab: Int, round: Int), booking(person: String) }
        let kind: Kind
        let status: Int
        let body: Data
    }

    /// A batch's items: sample ids unique to the lab and round, a result for every person in turn, 1 in 40
    /// positive (a verification code), 1 in 40 pending, the rest negative (each issues a test certificate).
    static func batch(lab: Int, round: Int, people: [String]) -> String {
        let day = Date().addingTimeInterval(-86_400)
        let sampled = ISO8601DateFormatter().string(from: day)
        let resulted = ISO8601DateFormatter().string(from: day.addingTimeInterval(6 * 3_600))
        let items = (0..<batchSize).map { index in
            let person = String(format: "6%08d", (index * 7 + lab * 131 + round * 17) % peopleCount)
            let state = index % 40 == 0 ? "positive" : index % 40 == 1 ? "pending" : "negative"
            let resultedAt = state == "pending" ? "" : #","resultedAt":"\#(resulted)""#
            return #"{"sampleId":"\#(sampleID(lab: lab, round: round, index: index))","nationalId":"\#(person)","#
                + #""test":"pcr","result":"\#(state)","sampledAt":"\#(sampled)"\#(resultedAt)}"#
        }
        return "[" + items.joined(separator: ",") + "]"
    }

    static func sampleID(lab: Int, round: Int, index: Int) -> String { "L\(lab)-R\(round)-\(index)" }

    @Test(.timeLimit(.minutes(10)), arguments: TestDeployment.Backend.allCases)
    func concurrentLabBatchesAndBookingsAreAnsweredTruly(backend: TestDeployment.Backend) async throws {
        let deployment = try await TestDeployment(
            backend, slotCount: 30, capacity: 10, peopleCount: Self.peopleCount)
        defer { deployment.remove() }
        var tokens: [String] = []
        for lab in 0..<Self.labCount {
            let created = try await deployment.json(["tokens", "create", "--role", "lab", "--name", "load-lab-\(lab)"])
            tokens.append(try #require((created as? [String: Any])?["token"] as? String))
        }
        let labTokens = tokens
        let server = try await deployment.server()
        defer { server.terminate() }

        var answers: [Answer] = []
        for round in 0..<Self.rounds {
            answers += await withTaskGroup(of: Answer.self) { group in
                for lab in 0..<Self.labCount {
                    group.addTask {
                        let body = Self.batch(lab: lab, round: round, people: deployment.people)
                        let answer = try? await server.send(
                            "/v1/lab/results", method: "POST", token: labTokens[lab], body: body, timeout: 300)
                        return Answer(
                            kind: .batch(lab: lab, round: round), status: answer?.status ?? 0,
                            body: answer?.body ?? Data())
                    }
                }
                for booking in 0..<Self.bookingsPerRound {
                    let person = deployment.people[round * Self.bookingsPerRound + booking]
                    let slot = deployment.slots[(round * Self.bookingsPerRound + booking) % deployment.slots.count]
                    group.addTask {
                        let answer = try? await server.send(
                            "/v1/appointments", method: "POST", token: deployment.token,
                            body: #"{"slotId":"\#(slot)","personId":"\#(person)"}"#, key: "load-\(person)",
                            timeout: 300)
                        return Answer(
                            kind: .booking(person: person), status: answer?.status ?? 0, body: answer?.body ?? Data())
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
        }

        #expect(answers.allSatisfy { $0.status != 0 }, "every request was answered")
        // No 500 at all. A server too busy to lend a connection within its wait may shed a request as 503
        // database-unavailable, a true answer checked below like any refusal: nothing of it is stored.
        let serverErrors = answers.filter {
            $0.status >= 500 && !($0.status == 503 && Self.code(of: $0) == "database-unavailable")
        }
        #expect(serverErrors.isEmpty, "no 500: \(serverErrors.map { "\($0.status) \(Self.code(of: $0) ?? "")" })")

        // The sample ids the server said it stored, and those of batches it refused.
        var acknowledged: Set<String> = []
        var refused: Set<String> = []
        var bookedPeople: Set<String> = []
        var refusedPeople: Set<String> = []
        for answer in answers {
            switch answer.kind {
            case .batch(let lab, let round):
                let ids = (0..<Self.batchSize).map { Self.sampleID(lab: lab, round: round, index: $0) }
                if answer.status == 200 {
                    let outcomes = try #require(try JSONSerialization.jsonObject(with: answer.body) as? [[String: Any]])
                    #expect(outcomes.count == Self.batchSize)
                    #expect(outcomes.allSatisfy { $0["status"] as? String == "created" })
                    acknowledged.formUnion(ids)
                } else {
                    refused.formUnion(ids)
                }
            case .booking(let person):
                if answer.status == 201 { bookedPeople.insert(person) } else { refusedPeople.insert(person) }
            }
        }
        #expect(!acknowledged.isEmpty)

        let stored = try await Self.storedSampleIDs(on: server, people: deployment.people, token: deployment.token)
        #expect(acknowledged.subtracting(stored).isEmpty, "every acknowledged result is stored")
        #expect(refused.intersection(stored).isEmpty, "no result of a refused batch is stored")
        #expect(stored == acknowledged)

        let (_, listed) = try await server.send("/v1/appointments?status=booked&limit=1000", token: deployment.token)
        let booked = try #require(try JSONSerialization.jsonObject(with: listed) as? [[String: Any]])
        let storedPeople = Set(booked.compactMap { $0["personId"] as? String })
        #expect(storedPeople == bookedPeople)
        #expect(refusedPeople.intersection(storedPeople).isEmpty)
        #expect(try await deployment.verifyAudit().status == 0)
    }

    /// The problem code of an error answer.
    static func code(of answer: Answer) -> String? {
        (try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any])?["code"] as? String
    }

    /// Every sample id stored for `people`, read back through the API as an operator.
    static func storedSampleIDs(on server: ServerProcess, people: [String], token: String) async throws -> Set<String> {
        try await withThrowingTaskGroup(of: [String].self) { group in
            var stored: Set<String> = []
            for (index, person) in people.enumerated() {
                // At most 16 requests at a time.
                if index >= 16, let ids = try await group.next() { stored.formUnion(ids) }
                group.addTask {
                    let (status, body) = try await server.send(
                        "/v1/results?personId=\(person)", token: token, timeout: 120)
                    guard status == 200 else { throw CocoaError(.fileReadUnknown) }
                    let results = try JSONSerialization.jsonObject(with: body) as? [[String: Any]] ?? []
                    return results.compactMap { $0["sampleId"] as? String }
                }
            }
            for try await ids in group { stored.formUnion(ids) }
            return stored
        }
    }
}
