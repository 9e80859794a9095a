import Certificates
import Synchronization

/// The card issuers last built, reused while no certificate was revoked since (revocation is permanent, so an
/// unchanged count is an unchanged set), our keys are the same and the stored border lists have the same version:
/// a card check then costs a count, not a scan of every revocation and a reading of every key.
final class HealthCardIssuerCache: Sendable {
    struct Key: Hashable {
        let revokedCount: Int
        let keyIDs: [String]
        let listsVersion: Int64
    }

    private struct Entry {
        let key: Key
        let own: TrustedHealthCardIssuer
        let list: HealthCardIssuerList
    }

    private let entry = Mutex<Entry?>(nil)

    /// Ourselves and every trusted issuer, as built for `key`; nil when they were built for another.
    func issuers(for key: Key) -> (own: TrustedHealthCardIssuer, list: HealthCardIssuerList)? {
        entry.withLock { entry in
            guard let entry, entry.key == key else { return nil }
            return (entry.own, entry.list)
        }
    }

    func store(own: TrustedHealthCardIssuer, list: HealthCardIssuerList, for key: Key) {
        entry.withLock { $0 = Entry(key: key, own: own, list: list) }
    }
}
