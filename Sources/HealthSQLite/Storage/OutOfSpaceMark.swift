import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether a database ran out of space for its last write, and whether room has come back since.
///
/// A write that fails for want of space sets the mark, noting what the volume had free at that moment; a write
/// that commits clears it. So does the volume gaining ``freedBytes`` over what it had then: a server that the
/// readiness probe took out of rotation gets no traffic whose write could clear the mark, and a write of its own
/// would prove little, since SQLite reuses the log space a failed commit already took.
final class OutOfSpaceMark: Sendable {
    /// How much more free space than at the failure counts as room again: a few hundred log pages, well above
    /// what a file system's own bookkeeping moves.
    static let freedBytes: Int64 = 1 << 20

    /// A file on the volume to watch; nil for an in-memory database, whose mark only a commit clears.
    private let path: String?
    /// The volume's free bytes when the last write failed for space, or -1 while no such failure stands.
    private let freeBytesAtFailure = Atomic<Int64>(-1)

    init(watching path: String?) {
        self.path = path
    }

    /// True while the last write's failure for want of space stands and the volume has not gained room since.
    var isSet: Bool {
        let atFailure = freeBytesAtFailure.load(ordering: .relaxed)
        guard atFailure >= 0 else { return false }
        return (freeBytes() ?? 0) < atFailure + Self.freedBytes
    }

    /// Notes how a write ended: a failure for want of space sets the mark, a commit clears it.
    func noteWrite(committed: Bool, outOfSpace failedForSpace: Bool) {
        if failedForSpace {
            freeBytesAtFailure.store(freeBytes() ?? 0, ordering: .relaxed)
        } else if committed {
            freeBytesAtFailure.store(-1, ordering: .relaxed)
        }
    }

    /// What the volume holding ``path`` has free for an unprivileged writer.
    private func freeBytes() -> Int64? {
        guard let path else { return nil }
        var volume = statvfs()
        guard statvfs(path, &volume) == 0 else { return nil }
        return Int64(volume.f_bavail) * Int64(volume.f_frsize)
    }
}
