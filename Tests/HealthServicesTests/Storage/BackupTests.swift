import Foundation
import Synchronization
import Testing

@testable import HealthSQLite
@testable import HealthServices

/// Online backups of a SQLite data directory: taken while bookings are being written, they hold every booking
/// acknowledged before they began and restore into a directory whose audit chain verifies; a damaged archive, one
/// from a newer schema and a target that already holds files are refused, leaving nothing behind.
@Suite struct BackupTests {
    /// A scratch folder removed when the test ends.
    final class Scratch {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("backup-\(UUID())").path
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    @Test func aBackupTakenDuringBookingsHoldsEveryBookingAcknowledgedBeforeIt() async throws {
        let scratch = Scratch()
        let data = scratch.path + "/data"
        let archive = scratch.path + "/backup.zip"
        let harness = try await ServiceHarness(.sqlite, sqliteStorage: .directory(data))
        try Self.writeKey(in: data)
        let (_, slots) = try await harness.centreWithSlots(count: 20, capacity: 40)
        let details = try (0..<600).map { index in
            try harness.services.accounts.checkedDetails(
                nationalId: String(format: "8%08d", index), dateOfBirth: "1985-02-11",
                names: .init(name: "Booking Person"), phone: nil)
        }
        let people = try await harness.services.accounts.register(details, by: harness.operatorPrincipal)

        let acknowledged = Acknowledged()
        let (appointments, staff) = (harness.services.appointments, harness.operatorPrincipal)
        let before = try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    do {
                        for index in stride(from: worker, to: people.count, by: 4) {
                            let outcome = try await appointments.book(
                                slotID: slots[index % slots.count].id, personID: people[index].id,
                                idempotencyKey: "backup-\(index)", by: staff)
                            acknowledged.ids.withLock { $0.append(outcome.appointment.id) }
                        }
                    } catch {
                        acknowledged.failure.withLock { $0 = "\(error)" }
                        throw error
                    }
                }
            }
            while acknowledged.ids.withLock({ $0.count }) < 100, acknowledged.failure.withLock({ $0 }) == nil {
                try await Task.sleep(for: .milliseconds(2))
            }
            let failure = acknowledged.failure.withLock { $0 }
            try #require(failure == nil)
            let before = acknowledged.ids.withLock { $0 }
            let manifest = try DataDirectoryBackup.write(
                dataDirectory: data, to: archive, now: harness.clock.wallClock.now())
            #expect(manifest.schemaVersions[HealthStorage.healthFileName] == SQLiteHealthSchema.migrations.count)
            #expect(manifest.files.map(\.path).contains("keys/dsc.key.pem"))
            try await group.waitForAll()
            return before
        }
        #expect(before.count < people.count && acknowledged.ids.withLock { $0.count } == people.count)

        let restoredPath = scratch.path + "/restored"
        _ = try DataDirectoryRestore.restore(from: archive, into: restoredPath)
        let restored = try await ServiceHarness(.sqlite, sqliteStorage: .directory(restoredPath))
        let bookings = Set(try await restored.storage.texts("SELECT id FROM appointments").compactMap { $0 })
        #expect(Set(before).isSubset(of: bookings))
        #expect(try await restored.services.audit.verify().isIntact)
        let key = restoredPath + "/keys/dsc.key.pem"
        #expect(FileManager.default.contents(atPath: key) == Data("not a real key\n".utf8))
        let permissions = try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: restoredPath)[.posixPermissions] as? Int
        #expect(folder == 0o700, "the restored directory was filled where others could read")
    }

    /// The archive holds the private keys, so only its owner reads it; a keys folder kept elsewhere behind a link
    /// is backed up from there, and a key file that is itself a link is refused rather than left out.
    @Test func theArchiveIsPrivateAndLinkedKeysAreHeldOrRefused() async throws {
        let scratch = Scratch()
        let data = scratch.path + "/data"
        let harness = try await ServiceHarness(.sqlite, sqliteStorage: .directory(data))
        _ = try await harness.person("850211234")
        let elsewhere = scratch.path + "/secure"
        try Self.writeKey(in: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: data + "/keys", withDestinationPath: elsewhere + "/keys")
        let archive = scratch.path + "/backup.zip"
        let manifest = try DataDirectoryBackup.write(
            dataDirectory: data, to: archive, now: harness.clock.wallClock.now())
        #expect(manifest.files.map(\.path).contains("keys/dsc.key.pem"))
        let mode = try FileManager.default.attributesOfItem(atPath: archive)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        try FileManager.default.createSymbolicLink(
            atPath: elsewhere + "/keys/csca.key.pem", withDestinationPath: elsewhere + "/keys/dsc.key.pem")
        let refused = #expect(throws: BackupError.self) {
            try DataDirectoryBackup.write(
                dataDirectory: data, to: scratch.path + "/second.zip", now: harness.clock.wallClock.now())
        }
        #expect(refused?.code == .notARegularFile)
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/second.zip"))
    }

    /// A backup removes what an earlier one killed midway left beside its archive (staging copies of the databases
    /// and keys, a partial archive), once six hours old; a newer one may be a backup running now, and stays.
    @Test func leftoversOfAKilledBackupAreRemoved() async throws {
        let scratch = Scratch()
        let data = scratch.path + "/data"
        let harness = try await ServiceHarness(.sqlite, sqliteStorage: .directory(data))
        _ = try await harness.person("850211234")
        let fileManager = FileManager.default
        let now = harness.clock.wallClock.now()
        let stale = scratch.path + "/.health-1.zip.\(UUID().uuidString).staging"
        let lastNight = scratch.path + "/.health-0.zip.\(UUID().uuidString).partial"
        let partial = scratch.path + "/.health-1.zip.\(UUID().uuidString).partial"
        let running = scratch.path + "/.health-2.zip.\(UUID().uuidString).staging"
        let unrelated = scratch.path + "/.notes.staging"
        for directory in [stale, running, unrelated] {
            try fileManager.createDirectory(atPath: directory + "/keys", withIntermediateDirectories: true)
        }
        try Data("PK".utf8).write(to: URL(fileURLWithPath: partial))
        try Data("PK".utf8).write(to: URL(fileURLWithPath: lastNight))
        try fileManager.setAttributes([.modificationDate: now.foundationDate - 12 * 3600], ofItemAtPath: lastNight)
        for old in [stale, partial, unrelated] {
            try fileManager.setAttributes([.modificationDate: now.foundationDate - 2 * 86_400], ofItemAtPath: old)
        }
        _ = try DataDirectoryBackup.write(dataDirectory: data, to: scratch.path + "/health-3.zip", now: now)
        #expect(!fileManager.fileExists(atPath: stale) && !fileManager.fileExists(atPath: partial))
        #expect(!fileManager.fileExists(atPath: lastNight), "a leftover of last night's backup goes tonight")
        #expect(fileManager.fileExists(atPath: running) && fileManager.fileExists(atPath: unrelated))
    }

    @Test func damagedNewerAndMisplacedRestoresAreRefused() async throws {
        let scratch = Scratch()
        let data = scratch.path + "/data"
        let harness = try await ServiceHarness(.sqlite, sqliteStorage: .directory(data))
        _ = try await harness.person("850211234")
        let archive = scratch.path + "/backup.zip"
        _ = try DataDirectoryBackup.write(dataDirectory: data, to: archive, now: harness.clock.wallClock.now())

        let target = scratch.path + "/restored"
        var damaged = try #require(FileManager.default.contents(atPath: archive))
        damaged[damaged.count / 2] ^= 0x01
        let damagedArchive = scratch.path + "/damaged.zip"
        try damaged.write(to: URL(fileURLWithPath: damagedArchive))
        #expect(try Self.refusal(restoring: damagedArchive, into: target) == .damaged)
        #expect(!FileManager.default.fileExists(atPath: target))

        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: target + "/notes.txt"))
        #expect(try Self.refusal(restoring: archive, into: target) == .targetNotEmpty)
        try FileManager.default.removeItem(atPath: target)
        // A file where the directory should be (the live database named by mistake) is refused and left.
        let live = data + "/health.sqlite"
        let liveBytes = try #require(FileManager.default.contents(atPath: live))
        #expect(try Self.refusal(restoring: archive, into: live) == .targetNotEmpty)
        #expect(FileManager.default.contents(atPath: live) == liveBytes)

        try await harness.storage.execute(
            "INSERT INTO schema_migrations (version, name) VALUES (999, 'from-the-future')")
        let newer = scratch.path + "/newer.zip"
        _ = try DataDirectoryBackup.write(dataDirectory: data, to: newer, now: harness.clock.wallClock.now())
        #expect(try Self.refusal(restoring: newer, into: target) == .newerSchema)
        #expect(!FileManager.default.fileExists(atPath: target))

        let empty = scratch.path + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let nothing = #expect(throws: BackupError.self) {
            try DataDirectoryBackup.write(
                dataDirectory: empty, to: scratch.path + "/nothing.zip", now: .init(secondsSinceEpoch: 0))
        }
        #expect(nothing?.code == .nothingToBackUp)
        _ = try DataDirectoryRestore.restore(from: archive, into: target)
        #expect(FileManager.default.fileExists(atPath: target + "/" + HealthStorage.healthFileName))
    }

    /// The ids of the bookings answered as done, in the order they were answered.
    final class Acknowledged: Sendable {
        let ids = Mutex<[String]>([])
        let failure = Mutex<String?>(nil)
    }

    /// The code of the refusal restoring `archive` into `target` gives.
    static func refusal(restoring archive: String, into target: String) throws -> BackupError.Code? {
        let error = #expect(throws: BackupError.self) { try DataDirectoryRestore.restore(from: archive, into: target) }
        return error?.code
    }

    /// A stand-in for a key file, readable by its owner only, in the data directory's keys folder.
    static func writeKey(in data: String) throws {
        try FileManager.default.createDirectory(atPath: data + "/keys", withIntermediateDirectories: true)
        let path = data + "/keys/dsc.key.pem"
        try Data("not a real key\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }
}
