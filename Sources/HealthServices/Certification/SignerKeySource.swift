import Certificates
import Foundation
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

    /// The ring as last read. A directory whose DSC files changed is read again; one that does not read (a rotation
    /// still writing) keeps the ring in use and is tried again at the next check.
    func ring() -> SignerKeyRing {
        guard let store else { return loaded.withLock { $0.ring } }
        let now = ContinuousClock.now
        return loaded.withLock { loaded in
            guard now - loaded.checkedAt >= checkInterval else { return loaded.ring }
            loaded.checkedAt = now
            let fileNames = store.documentSignerFileNames()
            if fileNames != loaded.fileNames, let ring = try? store.ring() {
                loaded.ring = ring
                loaded.fileNames = fileNames
            }
            return loaded.ring
        }
    }
}
