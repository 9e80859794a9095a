import Synchronization

/// The tokens this process found active in the last second, so a caller's requests within a second of each other
/// authenticate without a database read.
///
/// An entry is trusted for at most ``lifetime`` after the read that found it began, so a token revoked by another
/// process (a second server, `healthctl tokens revoke`) is refused within a second. A revocation made through this
/// process drops the token at once, and a read that began before it cannot put the token back (``generation``).
/// Expiry and the route's roles are checked on every use, from the cached token itself. Unknown tokens are never
/// cached: a guess costs a read, as it always did.
final class TokenCache: Sendable {
    static let lifetime = Duration.seconds(1)
    /// Past this many tokens, entries past their lifetime are dropped, then all if none was.
    static let capacity = 10_000

    private struct Entry {
        let token: AccessToken
        let readStart: ContinuousClock.Instant
    }

    private struct State {
        var entries: [[UInt8]: Entry] = [:]
        /// Counts revocations made through this process.
        var generation = 0
    }

    private let state = Mutex(State())

    /// The cached token of `secretHash` when its read began less than ``lifetime`` before `instant`.
    func token(secretHash: [UInt8], at instant: ContinuousClock.Instant) -> AccessToken? {
        state.withLock { state in
            guard let entry = state.entries[secretHash], instant - entry.readStart < Self.lifetime else { return nil }
            return entry.token
        }
    }

    /// The generation to hand back to ``store(_:secretHash:readStart:generation:)`` for a read beginning now.
    var generation: Int { state.withLock { $0.generation } }

    /// Keeps `token`, read by a read that began at `readStart`, unless a revocation came since that read began.
    func store(_ token: AccessToken, secretHash: [UInt8], readStart: ContinuousClock.Instant, generation: Int) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= Self.capacity {
                state.entries = state.entries.filter { readStart - $0.value.readStart < Self.lifetime }
                if state.entries.count >= Self.capacity { state.entries.removeAll(keepingCapacity: true) }
            }
            state.entries[secretHash] = Entry(token: token, readStart: readStart)
        }
    }

    /// Forgets the token of `id` (it was revoked), and any read already under way.
    func revoke(tokenID id: String) {
        state.withLock { state in
            state.generation += 1
            state.entries = state.entries.filter { $0.value.token.id != id }
        }
    }
}
