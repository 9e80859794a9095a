public import Certificates
import CryptoCore
public import Foundation
import Synchronization

/// Everything a border check reads, as of one version of the stored lists: our document signers and the imported
/// ones, the value sets (imported, else the EU's shipped ones) and the entry rules (the shipped ones, with the
/// imported ones beside them: a stored rule of the same identifier and version takes the shipped one's place).
public struct BorderLists: Sendable {
    public let version: Int64
    /// The kids of our own DSCs in `trustList`.
    let ownKeyIDs: [[UInt8]]
    public let trustList: TrustList
    public let valueSets: ValueSets
    public let rules: EntryRules
    /// The imported SMART Health Cards issuers.
    public let healthCardIssuers: [TrustedHealthCardIssuer]
    /// `identifier version` of each rule that was imported rather than shipped.
    public let importedRules: Set<String>
    /// The trust list in the gateway's JSON form, as `GET /v1/trust-list` serves it.
    public let trustListJSON: Data
    /// A strong validator of `trustListJSON`.
    public let trustListEntityTag: String

    /// `ours` is what a check knows of ours now (expired DSCs too, never a withdrawn one); `ownKeyIDs` the kids of
    /// every DSC we ever had: an imported signer with one of them (our own DSC back from the gateway, or imported by
    /// hand) is left out, so a DSC we withdrew cannot come back through an import.
    init(
        version: Int64, ours: TrustList, ownKeyIDs everOurs: Set<[UInt8]>, imported: [ImportedSigner],
        healthCardIssuers: [StoredHealthCardIssuer] = [], valueSets: StoredDocument?, rules: [StoredEntryRule]
    ) throws {
        self.version = version
        ownKeyIDs = ours.signers.map(\.keyID)
        var trustList = ours
        for signer in imported {
            let certificate: X509Certificate
            do {
                certificate = try X509Certificate(derEncoded: signer.certificate)
            } catch {
                throw StoreError("the imported signer \(signer.kid) of \(signer.source) is not a certificate")
            }
            guard !everOurs.contains(TrustedSigner.keyID(for: certificate)) else { continue }
            trustList.add(TrustedSigner(certificate: certificate, country: signer.country))
        }
        self.trustList = trustList
        self.healthCardIssuers = try healthCardIssuers.map { stored in
            do {
                return try JSONDecoder().decode(TrustedHealthCardIssuer.self, from: Data(stored.json.utf8))
            } catch {
                throw StoreError("the imported health card issuer \(stored.iss) of \(stored.source) does not read")
            }
        }
        trustListJSON = try trustList.gatewayJSON()
        trustListEntityTag = "\"" + Hex.encode(SHA256.hash(Array(trustListJSON)).prefix(12)) + "\""
        if let valueSets {
            do {
                self.valueSets = try ValueSets(data: Data(valueSets.json.utf8))
            } catch {
                throw StoreError("the stored value sets do not read: \(error.reason)")
            }
        } else {
            self.valueSets = .european
        }
        var stored: [EntryRule] = []
        for rule in rules {
            do {
                let json = try JSONDecoder().decode(JSONValue.self, from: Data(rule.json.utf8))
                stored.append(try EntryRule(json: json, stored: true))
            } catch {
                throw StoreError("the stored rule \(rule.identifier) \(rule.version) does not read")
            }
        }
        let importedRules = Set(stored.map(Self.key))
        self.importedRules = importedRules
        self.rules = EntryRules(stored + EntryRules.defaults.rules.filter { !importedRules.contains(Self.key($0)) })
    }
}

extension BorderLists {
    /// A rule's identifier and version, the pair an import replaces.
    public static func key(_ rule: EntryRule) -> String { "\(rule.identifier) \(rule.version)" }
}

/// The lists last read, kept while the stored version and our published DSCs are the same: a check costs one small
/// read, not a reload.
final class BorderListCache: Sendable {
    private let lists = Mutex<BorderLists?>(nil)

    func lists(version: Int64, ownKeyIDs: [[UInt8]]) -> BorderLists? {
        lists.withLock { lists in lists?.version == version && lists?.ownKeyIDs == ownKeyIDs ? lists : nil }
    }

    func store(_ lists: BorderLists) {
        self.lists.withLock { $0 = lists }
    }
}
