import Synchronization

/// The waits for a signer that a pass tried and left waiting, with the DSC it tried them under: under the same DSC
/// they would wait again (it cannot sign them: a recovery valid only after it expires), so later passes leave them
/// alone, without a write transaction holding their people every minute, until a rotation brings another DSC.
final class SignerWaitMemo: Sendable {
    private struct Tried {
        var signer: [UInt8]
        var waits: Set<String>
    }

    private let tried = Mutex(Tried(signer: [], waits: []))

    /// Those of `waits` not tried under `signer` (the kid of the DSC signing now).
    func untried(_ waits: [WaitingCertificate], by signer: [UInt8]) -> [WaitingCertificate] {
        tried.withLock { tried in
            tried.signer == signer ? waits.filter { !tried.waits.contains($0.id) } : waits
        }
    }

    /// Remembers the waits with these ids as tried under `signer`, forgetting those of any other.
    func remember(_ waitIDs: [String], by signer: [UInt8]) {
        tried.withLock { tried in
            if tried.signer != signer { tried = Tried(signer: signer, waits: []) }
            tried.waits.formUnion(waitIDs)
        }
    }
}
