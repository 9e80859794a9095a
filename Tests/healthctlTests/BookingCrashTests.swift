import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real server under concurrent bookings, killed with SIGKILL mid-load and restarted.
@Suite struct BookingCrashTests {
    /// Counts acknowledged bookings and fires SIGKILL at the chosen one.
    actor Acknowledgements {
        private(set) var bookings: [(appointment: String, slot: String)] = []
        private let killAt: Int
        private let server: ServerProcess

        init(killAt: Int, server: ServerProcess) {
            self.killAt = killAt
            self.server = server
        }

        func record(appointment: String, slot: String) {
            bookings.append((appointment, slot))
            if bookings.count == killAt { server.kill() }
        }
    }

    @Test func everyAcknowledgedBookingSurvivesSIGKILLAndNoSlotIsOverbooked() async throws {
        let directory = try HealthCtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path
        let token = try await #require(
            (try AppointmentCommandTests.json(
                HealthCtlProcess.run([
                    "tokens", "create", "--data", data, "--role", "operator", "--name", "crash-test", "--json",
                ]).standardOutput
            ) as? [String: Any])?["token"] as? String)
        let centre = try await #require(
            (try AppointmentCommandTests.json(
                HealthCtlProcess.run([
                    "centres", "create", "--data", data, "--name", "Crash Centre", "--area", "Capital", "--services",
                    "pcr", "--json",
                ]).standardOutput
            ) as? [String: Any])?["id"] as? String)
        let start = AppointmentCommandTests.tomorrow
        _ = try await HealthCtlProcess.run([
            "slots", "create", "--data", data, "--centre", centre, "--service", "pcr", "--from", start,
            "--to", AppointmentCommandTests.later(start, hours: 5), "--every", "15m", "--capacity", "4",
        ])
        var csv = "nationalId,dateOfBirth,name,phone\n"
        for index in 0..<240 { csv += String(format: "7%08d,1980-01-01,Person %d,\n", index, index) }
        let csvFile = directory.appendingPathComponent("people.csv")
        try Data(csv.utf8).write(to: csvFile)
        #expect(try await HealthCtlProcess.run(["people", "import", "--data", data, csvFile.path]).status == 0)
        let people = try await #require(
            try AppointmentCommandTests.json(
                HealthCtlProcess.run(["people", "list", "--data", data, "--json", "--limit", "1000"]).standardOutput
            ) as? [[String: Any]]
        ).compactMap { $0["id"] as? String }
        let slots = try await #require(
            try AppointmentCommandTests.json(
                HealthCtlProcess.run(["slots", "list", "--data", data, "--json", "--from", start, "--limit", "500"])
                    .standardOutput
            ) as? [[String: Any]]
        ).compactMap { $0["id"] as? String }
        #expect(people.count == 240 && slots.count == 20)

        let server = try await ServerProcess.start(data: data)
        let acknowledgements = Acknowledgements(killAt: 40, server: server)
        // 240 people race for 80 seats, 24 requests at a time; the server dies after the 40th acknowledgement.
        await withTaskGroup(of: Void.self) { group in
            for (index, person) in people.enumerated() {
                if index >= 24 { await group.next() }
                let slot = slots[index % slots.count]
                group.addTask {
                    let request = ServerProcess.request(
                        server.base + "/v1/appointments", method: "POST", token: token,
                        body: #"{"slotId":"\#(slot)","personId":"\#(person)"}"#, key: "crash-\(person)"
                    )
                    guard let (body, response) = try? await URLSession.shared.data(for: request),
                        (response as? HTTPURLResponse)?.statusCode == 201,
                        let id = (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["id"] as? String
                    else { return }
                    await acknowledgements.record(appointment: id, slot: slot)
                }
            }
        }
        let acknowledged = await acknowledgements.bookings
        #expect(acknowledged.count >= 40)
        if server.process.isRunning { server.kill() }
        #expect(server.process.terminationReason == .uncaughtSignal)

        let restarted = try await ServerProcess.start(data: data)
        defer { restarted.terminate() }
        for booking in acknowledged {
            let (body, response) = try await URLSession.shared.data(
                for: ServerProcess.request(restarted.base + "/v1/appointments/\(booking.appointment)", token: token))
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            let appointment = try JSONSerialization.jsonObject(with: body) as? [String: Any]
            #expect(appointment?["status"] as? String == "booked" && appointment?["slotId"] as? String == booking.slot)
        }
        let (listed, _) = try await URLSession.shared.data(
            for: ServerProcess.request(restarted.base + "/v1/slots?from=\(start)&limit=500", token: token)
        )
        let remaining = try #require(try JSONSerialization.jsonObject(with: listed) as? [[String: Any]])
        let (appointmentList, _) = try await URLSession.shared.data(
            for: ServerProcess.request(restarted.base + "/v1/appointments?status=booked&limit=1000", token: token)
        )
        let booked = try #require(try JSONSerialization.jsonObject(with: appointmentList) as? [[String: Any]])
        let perSlot = Dictionary(grouping: booked, by: { $0["slotId"] as? String ?? "" }).mapValues(\.count)
        for slot in remaining {
            let id = slot["id"] as? String ?? ""
            let seatsTaken = (slot["capacity"] as? Int ?? 0) - (slot["remaining"] as? Int ?? 0)
            #expect(seatsTaken <= 4)
            #expect(seatsTaken == perSlot[id] ?? 0, "slot counter matches its appointments")
        }
        #expect(booked.count >= acknowledged.count)
        let audit = try await HealthCtlProcess.run(["audit", "verify", "--data", data])
        #expect(audit.status == 0)
    }
}
