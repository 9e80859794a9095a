import CryptoCore
public import Foundation

/// A SMART Health Cards issuer a verifier trusts: its URL (`iss`), name, keys and revocation lists.
public struct TrustedHealthCardIssuer: Sendable, Hashable, Codable {
    public var iss: String
    public var name: String
    /// The issuer's country (ISO 3166-1 alpha-2), when a directory gives it.
    public var country: String?
    public var keys: [JSONWebKey]
    public var crls: [HealthCardRevocationList]

    public init(
        iss: String, name: String, country: String? = nil, keys: [JSONWebKey], crls: [HealthCardRevocationList] = []
    ) {
        self.iss = iss
        self.name = name
        self.country = country
        self.keys = keys
        self.crls = crls
    }
}

/// A SMART Health Cards revocation list for one key (`method: rid`): each entry a `rid`, or `rid.T` revoking
/// only cards with an `nbf` before T (seconds since 1970).
public struct HealthCardRevocationList: Sendable, Hashable, Codable {
    public var kid: String
    public var method: String
    /// Grows with every change, so a verifier knows when to fetch the list again.
    public var ctr: Int
    public var rids: [String]

    public init(kid: String, ctr: Int, rids: [String]) {
        self.kid = kid
        method = "rid"
        self.ctr = ctr
        self.rids = rids
    }

    /// Whether a card with this `rid` and `nbf` is revoked.
    public func revokes(_ rid: String, notBefore: Double) -> Bool {
        rids.contains { entry in
            guard let dot = entry.lastIndex(of: ".") else { return entry == rid }
            guard entry[..<dot] == rid, let time = Double(entry[entry.index(after: dot)...]) else { return false }
            return notBefore < time
        }
    }
}

/// The issuers a verifier trusts, with each key read once.
public struct HealthCardIssuerList: Sendable {
    public let issuers: [TrustedHealthCardIssuer]
    private let byURL: [String: Entry]

    struct Entry: Sendable {
        let issuer: TrustedHealthCardIssuer
        let keys: [String: P256PublicKey]
        let crls: [String: HealthCardRevocationList]
    }

    /// Keys that are not ES256 P-256 keys named by their thumbprint are left out: no card can be signed by them.
    public init(_ issuers: [TrustedHealthCardIssuer]) {
        self.issuers = issuers
        var byURL: [String: Entry] = [:]
        for issuer in issuers {
            var keys: [String: P256PublicKey] = byURL[issuer.iss]?.keys ?? [:]
            for key in issuer.keys {
                if let kid = key.kid, let publicKey = try? key.publicKey() { keys[kid] = publicKey }
            }
            // Lists of one key from several sources (our own and an imported directory's snapshot of it) are
            // joined: a card any of them revokes is revoked, whichever was read last.
            var crls = byURL[issuer.iss]?.crls ?? [:]
            for crl in issuer.crls {
                guard let earlier = crls[crl.kid] else {
                    crls[crl.kid] = crl
                    continue
                }
                crls[crl.kid] = HealthCardRevocationList(
                    kid: crl.kid, ctr: max(earlier.ctr, crl.ctr), rids: earlier.rids + crl.rids)
            }
            byURL[issuer.iss] = Entry(issuer: byURL[issuer.iss]?.issuer ?? issuer, keys: keys, crls: crls)
        }
        self.byURL = byURL
    }

    func entry(for iss: String) -> Entry? { byURL[iss] }

    /// The JSON `GET /v1/health-card-issuers` serves: `{"issuers": [...]}`.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(["issuers": issuers])
    }
}
