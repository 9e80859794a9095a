import Foundation
import Synchronization

/// Wrong exposure verification codes per client address. A code is 10 digits and lives a day, so a client free to
/// guess at the server's pace would hit one of thousands open now and then, and publish keys that warn people of a
/// diagnosis no one had. Each address may try `limit` codes that turn out wrong in an hour from its first; until the
/// hour is over its further tries are refused before any code is looked up.
///
/// Every try is counted as it starts and given back unless its code was wrong, so tries at once from one address
/// cannot pass the limit together. The addresses are kept in memory only, for their hour, and never logged.
final class CodeGuessGate: Sendable {
    static let defaultLimit = 20
    static let window: Duration = .seconds(3600)
    /// Addresses kept at most; past it, those not refused are forgotten first.
    static let capacity = 100_000

    struct Tries {
        var count: Int
        var since: ContinuousClock.Instant
    }

    let limit: Int
    private let tries = Mutex<[String: Tries]>([:])

    init(limit: Int = defaultLimit) {
        self.limit = limit
    }

    /// Counts a try from `address`; nil when it may go on, else the seconds until its hour is over.
    func admit(_ address: String, at now: ContinuousClock.Instant = .now) -> Int? {
        tries.withLock { tries in
            var entry =
                tries[address].flatMap { now - $0.since < Self.window ? $0 : nil } ?? Tries(count: 0, since: now)
            guard entry.count < limit else {
                let left = Self.window - (now - entry.since)
                return max(1, Int(left.components.seconds) + (left.components.attoseconds > 0 ? 1 : 0))
            }
            entry.count += 1
            tries[address] = entry
            if tries.count > Self.capacity {
                tries = tries.filter { now - $0.value.since < Self.window }
                if tries.count > Self.capacity {
                    // The allowances whose hours end soonest go first.
                    let newest = tries.sorted { $0.value.since > $1.value.since }.prefix(Self.capacity / 2)
                    tries = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
                }
            }
            return nil
        }
    }

    /// The allowance an address counts against: an IPv4 address, or an IPv6 address's /64 (a host has the whole
    /// prefix to choose from). The forms proxies write (`[v6]:port`, `v4:port`, `for="…"`) read as their address;
    /// text that is no address counts as itself.
    static func allowance(of text: String) -> String {
        var host = text.trimmingCharacters(in: .whitespaces)
        if host.lowercased().hasPrefix("for=") { host = String(host.dropFirst(4)) }
        host = host.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if host.filter({ $0 == ":" }).count == 1 {
            host = String(host.prefix { $0 != ":" })
        }
        var address = in6_addr()
        guard inet_pton(AF_INET6, host, &address) == 1 else { return host }
        let bytes = withUnsafeBytes(of: address) { Array($0) }
        if bytes[..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return bytes[12...].map(String.init).joined(separator: ".")
        }
        return bytes[..<8].map { String($0, radix: 16) }.joined(separator: ":") + "/64"
    }

    /// Gives back a try of `address` that was not a wrong code.
    func giveBack(_ address: String) {
        tries.withLock { tries in
            guard var entry = tries[address] else { return }
            entry.count -= 1
            tries[address] = entry.count > 0 ? entry : nil
        }
    }
}
