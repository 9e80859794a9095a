public import Foundation

/// SMART Health Cards issuers read for import: a directory snapshot `{"directory": {"participating_issuers":
/// [{"iss", "name", ...}]}, "keys": {iss: JWKS}, "crls": {iss: [CRL]}}` (the VCI directory's layout, `crls`
/// optional), or one issuer's JWKS with its URL and name given. Keys that are not ES256 P-256 keys named by their
/// thumbprint, and issuers left with none, are refused and listed.
public struct HealthCardIssuerImport: Sendable {
    public struct Refusal: Sendable, Hashable, Codable {
        public let iss: String
        public let kid: String?
        public let reason: String
    }

    public private(set) var issuers: [TrustedHealthCardIssuer] = []
    public private(set) var refused: [Refusal] = []

    struct Snapshot: Decodable {
        struct Directory: Decodable {
            let participating_issuers: [Participant]
        }
        struct Participant: Decodable {
            let iss: String
            let name: String
            let country: String?
        }
        let directory: Directory
        let keys: [String: JSONWebKeySet]
        let crls: [String: [HealthCardRevocationList]]?
    }

    /// Whether `data` looks like a directory snapshot rather than a DCC trust list.
    public static func isSnapshot(_ data: Data) -> Bool {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: data) else { return false }
        return json["directory"]?["participating_issuers"] != nil
    }

    /// Reads a directory snapshot.
    public init(snapshot data: Data) throws(CertificateError) {
        let snapshot: Snapshot
        do {
            snapshot = try JSONDecoder().decode(Snapshot.self, from: data)
        } catch {
            throw CertificateError(.invalidIssuerList, "not a SMART Health Cards directory snapshot")
        }
        for participant in snapshot.directory.participating_issuers {
            guard let jwks = snapshot.keys[participant.iss] else {
                refused.append(Refusal(iss: participant.iss, kid: nil, reason: "no keys in the snapshot"))
                continue
            }
            add(
                iss: participant.iss, name: participant.name, country: participant.country, keys: jwks.keys,
                crls: snapshot.crls?[participant.iss] ?? [])
        }
    }

    /// Reads one issuer's JWKS.
    public init(jwks data: Data, issuer iss: String, name: String) throws(CertificateError) {
        guard let jwks = try? JSONDecoder().decode(JSONWebKeySet.self, from: data) else {
            throw CertificateError(.invalidIssuerList, "not a JWK Set")
        }
        guard let url = URL(string: iss), url.scheme == "https" || url.scheme == "http", url.host != nil,
            !iss.hasSuffix("/")
        else {
            throw CertificateError(.invalidIssuerList, "the issuer is not an http(s) URL without a trailing /")
        }
        add(iss: iss, name: name, country: nil, keys: jwks.keys, crls: [])
    }

    private mutating func add(
        iss: String, name: String, country: String?, keys: [JSONWebKey], crls: [HealthCardRevocationList]
    ) {
        var usable: [JSONWebKey] = []
        for key in keys {
            do {
                _ = try key.publicKey()
                usable.append(key)
            } catch {
                refused.append(Refusal(iss: iss, kid: key.kid, reason: error.reason))
            }
        }
        guard !usable.isEmpty else {
            refused.append(Refusal(iss: iss, kid: nil, reason: "no usable ES256 P-256 key"))
            return
        }
        let kids = Set(usable.compactMap(\.kid))
        issuers.append(
            TrustedHealthCardIssuer(
                iss: iss, name: name, country: country, keys: usable,
                crls: crls.filter { kids.contains($0.kid) && $0.method == "rid" }))
    }
}
