import Certificates
import Foundation
import Logging
import Synchronization

/// The document signers of a running deployment. With a data directory, the ring is read again when a DSC file
/// appears there (`healthctl keys rotate` on this or another machine sharing the directory), checked at most once
/// per `checkInterval`, so every server signs with a new DSC within that interval.
final class SignerKeySource: Sendable {
    private struct Loaded {
        var ring: SignerKeyRing
        var fileNames: [String]
        var checkedAt: ContinuousClock.Instant
    }

    /// Where the keys are kept; nil for keys held in memory.
    let store: SignerKeyStore?
    private let checkInterval: Duration
    private let loaded: Mutex<Loaded>

    /// A ring that never changes (keys held in memory).
    init(fixed ring: SignerKeyRing) {
        store = nil
        checkInterval = .zero
        loaded = Mutex(Loaded(ring: ring, fileNames: [], checkedAt: .now))
    }

    /// The ring of `store`, checked for new DSC files at most once per `checkInterval`.
    init(store: SignerKeyStore, checkInterval: Duration) throws {
        self.store = store
        self.checkInterval = checkInterval
        let fileNames = store.documentSignerFileNames()
        loaded = Mutex(Loaded(ring: try store.ring(), fileNames: fileNames, checkedAt: .now))
    }

    /// The ring as last read. A directory whose DSC files changed is read again, outside the lock, so a slow disk
    /// delays only the one caller that checks; one that does not read (a rotation still writing, a file copied
    /// without read access) keeps the ring in use, is logged, and is tried again at the next check.
    func ring() -> SignerKeyRing {
        guard let store else { return loaded.withLock { $0.ring } }
        let now = ContinuousClock.now
        let (ring, knownFileNames) = loaded.withLock { loaded -> (SignerKeyRing, [String]?) in
            guard now - loaded.checkedAt >= checkInterval else { return (loaded.ring, nil) }
            loaded.checkedAt = now
            return (loaded.ring, loaded.fileNames)
        }
        guard let knownFileNames else { return ring }
        let fileNames = store.documentSignerFileNames()
        guard fileNames != knownFileNames else { return ring }
        do {
            let fresh = try store.ring()
            loaded.withLock {
                $0.ring = fresh
                $0.fileNames = fileNames
            }
            return fresh
        } catch {
            Self.logger.error(
                "the DSC files changed but do not read; signing with the keys read before",
                metadata: ["reason": "\(error)"])
            return ring
        }
    }

    private static let logger = Logger(label: "health.keys")
}
