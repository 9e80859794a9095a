import Foundation
import Logging
import Synchronization

/// Keys a running deployment reads from its data directory, read again when the names of their files change (a
/// rotation, a withdrawal or a trusted key added by `healthctl` on this or another machine sharing the folder),
/// checked at most once per interval, so every server uses a change within that interval without restarting.
final class ReloadingKeys<Keys: Sendable>: Sendable {
    private struct Loaded {
        var keys: Keys
        var fileNames: [String]
        var checkedAt: ContinuousClock.Instant
    }

    /// Reads the keys' file names, and the keys; nil for keys held in memory, which never change.
    private let files: (names: @Sendable () -> [String], load: @Sendable () throws -> Keys)?
    private let checkInterval: Duration
    private let what: String
    private let loaded: Mutex<Loaded>

    /// Keys that never change (held in memory).
    init(fixed keys: Keys) {
        files = nil
        checkInterval = .zero
        what = ""
        loaded = Mutex(Loaded(keys: keys, fileNames: [], checkedAt: .now))
    }

    /// The keys `load` reads, read now and again whenever `fileNames` changes, checked at most once per
    /// `checkInterval`; `what` names them in the log.
    init(
        _ what: String, checkInterval: Duration, fileNames: @escaping @Sendable () -> [String],
        load: @escaping @Sendable () throws -> Keys
    ) throws {
        files = (fileNames, load)
        self.checkInterval = checkInterval
        self.what = what
        let names = fileNames()
        loaded = Mutex(Loaded(keys: try load(), fileNames: names, checkedAt: .now))
    }

    /// The keys as last read. Files whose names changed are read again, outside the lock, so a slow disk delays only
    /// the one caller that checks; files that do not read (a rotation still writing, a file copied without read
    /// access) leave the keys in use, are logged, and are tried again at the next check.
    var current: Keys {
        guard let files else { return loaded.withLock { $0.keys } }
        let now = ContinuousClock.now
        let (keys, knownNames) = loaded.withLock { loaded -> (Keys, [String]?) in
            guard now - loaded.checkedAt >= checkInterval else { return (loaded.keys, nil) }
            loaded.checkedAt = now
            return (loaded.keys, loaded.fileNames)
        }
        guard let knownNames else { return keys }
        let names = files.names()
        guard names != knownNames else { return keys }
        do {
            let fresh = try files.load()
            loaded.withLock {
                $0.keys = fresh
                $0.fileNames = names
            }
            return fresh
        } catch {
            Self.logger.error(
                "the key files changed but do not read; using the keys read before",
                metadata: ["keys": "\(what)", "reason": "\(error)"])
            return keys
        }
    }

    private static var logger: Logger { Logger(label: "health.keys") }
}

extension AppConfiguration {
    /// How often a server looks for changed key files (`healthctl keys rotate`, `exposure keys rotate` or `trust`).
    public static let keyCheckInterval: Duration = .seconds(10)
}
