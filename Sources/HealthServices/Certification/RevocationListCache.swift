import Certificates
import Synchronization

/// The last revocation list built, reused while no certificate was revoked since and the day is the same.
///
/// Revocation is permanent, so the number of revoked certificates grows with every revocation (from this
/// process or from `healthctl`): an unchanged count means an unchanged list. The day is part of the key so that
/// certificates that have expired drop out of the list.
final class RevocationListCache: Sendable {
    private struct Entry {
        let revokedCount: Int
        let day: Int64
        let list: RevocationList
    }

    private let entry = Mutex<Entry?>(nil)

    func list(revokedCount: Int, day: Int64) -> RevocationList? {
        entry.withLock { entry in
            guard let entry, entry.revokedCount == revokedCount, entry.day == day else { return nil }
            return entry.list
        }
    }

    func store(_ list: RevocationList, revokedCount: Int, day: Int64) {
        entry.withLock { $0 = Entry(revokedCount: revokedCount, day: day, list: list) }
    }
}
