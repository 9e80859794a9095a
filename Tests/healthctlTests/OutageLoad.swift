import Foundation
import TestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The load of ``DatabaseOutageTests``: operators booking appointments for distinct people (each once, with an
/// idempotency key), a lab uploading batches of results with fresh sample ids, and a readiness probe, all against
/// one server while a conductor stops PostgreSQL and starts it again. Every answer is logged with its latency.
struct OutageLoad: Sendable {
    /// One request and its answer.
    struct Answer: Sendable {
        enum Kind: Sendable, Equatable {
            case booking(person: String)
            case labBatch(samples: [String])
            case readiness
        }

        let kind: Kind
        /// When it was sent, from the start of the load.
        let started: Duration
        let latency: Duration
        /// The HTTP status; 0 when no answer came.
        let status: Int
        /// The problem document's code, for a refusal.
        let code: String?
        let retryAfter: String?
        let body: Data

        var json: [String: Any]? { try? JSONSerialization.jsonObject(with: body) as? [String: Any] }
        var items: [[String: Any]]? { try? JSONSerialization.jsonObject(with: body) as? [[String: Any]] }
    }

    /// When PostgreSQL stopped, when it was being started again and when it took connections, from the load's start.
    struct Timeline: Sendable {
        let stopped: Duration
        let restarting: Duration
        let started: Duration
    }

    /// The answers so far, and whether the load goes on.
    actor Log {
        private(set) var answers: [Answer] = []
        private(set) var isRunning = true
        private var nextPerson = 0

        func add(_ answer: Answer) { answers.append(answer) }
        func stop() { isRunning = false }

        /// The next person to book for, while the load runs and people remain.
        func takePerson(below count: Int) -> Int? {
            guard isRunning, nextPerson < count else { return nil }
            defer { nextPerson += 1 }
            return nextPerson
        }

        func isReady(since time: Duration) -> Bool {
            answers.contains { $0.kind == .readiness && $0.started >= time && $0.status == 200 }
        }
    }

    static let bookingClients = 4
    static let labBatchSize = 10

    let server: ServerProcess
    let deployment: TestDeployment
    let labToken: String
    let log = Log()
    private let begin = ContinuousClock.now
    private let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 16
        return URLSession(configuration: configuration)
    }()

    init(server: ServerProcess, deployment: TestDeployment, labToken: String) {
        self.server = server
        self.deployment = deployment
        self.labToken = labToken
    }

    /// The people the lab's results are for: the first ``labBatchSize`` of the deployment.
    static func labPeople(of deployment: TestDeployment) -> [(id: String, nationalID: String)] {
        Array(zip(deployment.people, deployment.nationalIDs).prefix(labBatchSize)).map { (id: $0, nationalID: $1) }
    }

    /// Runs the load: 3 s of it, then PostgreSQL stopped for `outage` and started again, then the load goes on
    /// until `/readyz` answers 200 (30 s at most) and 3 s more.
    func run(around cluster: ThrowawayPostgresCluster, outage: Duration) async throws -> Timeline {
        try await withThrowingTaskGroup(of: Timeline?.self) { group in
            for _ in 0..<Self.bookingClients {
                group.addTask {
                    await book()
                    return nil
                }
            }
            group.addTask {
                await uploadResults()
                return nil
            }
            group.addTask {
                await probeReadiness()
                return nil
            }
            group.addTask {
                do {
                    let timeline = try await conduct(cluster, outage: outage)
                    await log.stop()
                    return timeline
                } catch {
                    await log.stop()
                    throw error
                }
            }
            var timeline: Timeline?
            for try await result in group where result != nil { timeline = result }
            return timeline!
        }
    }

    private var now: Duration { ContinuousClock.now - begin }

    private func conduct(_ cluster: ThrowawayPostgresCluster, outage: Duration) async throws -> Timeline {
        try await Task.sleep(for: .seconds(3))
        try await onOwnThread { cluster.stop() }
        let stopped = now
        try await Task.sleep(for: outage)
        let restarting = now
        try await onOwnThread { try cluster.start() }
        let started = now
        let deadline = ContinuousClock.now + .seconds(30)
        while await !log.isReady(since: restarting), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(250))
        }
        try await Task.sleep(for: .seconds(3))
        return Timeline(stopped: stopped, restarting: restarting, started: started)
    }

    private func book() async {
        while let index = await log.takePerson(below: deployment.people.count) {
            let person = deployment.people[index]
            let slot = deployment.slots[index % deployment.slots.count]
            await log.add(
                await send(
                    .booking(person: person), "/v1/appointments", method: "POST", token: deployment.token,
                    body: #"{"slotId":"\#(slot)","personId":"\#(person)"}"#, key: "outage-\(person)"))
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    private func uploadResults() async {
        let people = Self.labPeople(of: deployment)
        var batch = 0
        while await log.isRunning {
            batch += 1
            let samples = people.indices.map { "OUT-\(batch)-\($0)" }
            let formatter = ISO8601DateFormatter()
            let sampled = formatter.string(from: Date().addingTimeInterval(-3_600))
            let resulted = formatter.string(from: Date().addingTimeInterval(-1_800))
            let items = zip(samples, people).map { sample, person in
                #"{"sampleId":"\#(sample)","nationalId":"\#(person.nationalID)","test":"pcr","result":"negative","#
                    + #""sampledAt":"\#(sampled)","resultedAt":"\#(resulted)"}"#
            }
            await log.add(
                await send(
                    .labBatch(samples: samples), "/v1/lab/results", method: "POST", token: labToken,
                    body: "[" + items.joined(separator: ",") + "]"))
            try? await Task.sleep(for: .milliseconds(200))
        }
    }

    private func probeReadiness() async {
        while await log.isRunning {
            await log.add(await send(.readiness, "/readyz", token: nil))
            try? await Task.sleep(for: .milliseconds(250))
        }
    }

    private func send(
        _ kind: Answer.Kind, _ path: String, method: String = "GET", token: String?, body: String? = nil,
        key: String? = nil
    ) async -> Answer {
        let request = ServerProcess.request(
            server.base + path, method: method, token: token, body: body, key: key)
        let started = now
        // The answer's time is read where URLSession delivers it, not after this task is scheduled again: the test
        // process shares two cores with other suites, and the wait for a thread is not the server's.
        let (data, response, answered) = await withCheckedContinuation { continuation in
            session.dataTask(with: request) { data, response, _ in
                continuation.resume(returning: (data ?? Data(), response as? HTTPURLResponse, now))
            }.resume()
        }
        let status = response?.statusCode ?? 0
        let code =
            status >= 400 ? (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["code"] as? String : nil
        return Answer(
            kind: kind, started: started, latency: answered - started, status: status, code: code,
            retryAfter: response?.value(forHTTPHeaderField: "Retry-After"), body: data)
    }
}
