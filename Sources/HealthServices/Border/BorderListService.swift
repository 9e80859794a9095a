public import Certificates
import CryptoCore
import Foundation

/// The lists a border check needs from abroad: other countries' document signers, the value sets and the entry
/// rules. Operators import and remove them (each change audited); checks read them through a copy kept until the
/// stored lists or our own published DSCs change.
public struct BorderListService: Sendable {
    let store: any BorderListStore
    let authority: CertificateAuthority
    let clock: WallClock
    let cache = BorderListCache()

    public init(store: any BorderListStore, authority: CertificateAuthority, clock: WallClock) {
        self.store = store
        self.authority = authority
        self.clock = clock
    }

    /// The lists as stored now.
    public func current() async throws -> BorderLists {
        let version = try await store.read { try await $0.listsVersion() }
        let ring = authority.ring
        let ours = ring.checkedSigners(at: clock.now().foundationDate)
        if let lists = cache.lists(version: version, ownKeyIDs: ours.map(\.keyID)) { return lists }
        let lists = try await store.read { transaction in
            try BorderLists(
                version: try await transaction.listsVersion(), ours: TrustList(signers: ours),
                ownKeyIDs: Set(ring.signers.map(\.keyIDBytes)),
                imported: try await transaction.importedSigners(country: nil),
                healthCardIssuers: try await transaction.importedHealthCardIssuers(),
                valueSets: try await transaction.valueSets(), rules: try await transaction.importedRules())
        }
        cache.store(lists)
        return lists
    }

    /// The rapid antigen devices the EU list held here names: those a test certificate may name (every verifier's
    /// value-set check refuses another).
    public func listedTestDevices() async throws -> Set<String> {
        try await current().valueSets.codes[ValueSetCheck.testDevices] ?? []
    }

    /// What an import stored and what it refused.
    public struct TrustImportOutcome: Sendable {
        public let source: String
        public let imported: Int
        /// Signers the source held before, now replaced.
        public let replaced: Int
        public let refused: [TrustListImport.Refusal]
        public let skipped: Int
    }

    /// Replaces the signers of `source` with the list's, in one transaction: a DSC withdrawn upstream disappears.
    public func importTrustList(
        _ list: TrustListImport, source: String, by principal: Principal
    ) async throws -> TrustImportOutcome {
        try Self.checkSource(source)
        guard !list.signers.isEmpty else {
            throw ServiceError(.emptyTrustList, "The trust list holds no usable document signer; nothing was changed.")
        }
        let now = clock.now()
        let signers = list.signers.map { signer in
            ImportedSigner(
                source: source, kid: Data(signer.keyID).base64EncodedString(), country: signer.country ?? "",
                certificate: signer.certificate.derRepresentation, importedAt: now)
        }
        let replaced = try await store.write { transaction in
            try await transaction.bumpListsVersion()
            let replaced = try await transaction.removeSigners(source: source)
            for signer in signers { try await transaction.insert(signer) }
            try await transaction.append(
                AuditEvent(
                    by: principal, "trust.import", subject: "trust-source:\(source)",
                    details: [
                        "imported": String(signers.count), "replaced": String(replaced),
                        "refused": String(list.refused.count),
                    ]), at: now)
            return replaced
        }
        return TrustImportOutcome(
            source: source, imported: signers.count, replaced: replaced, refused: list.refused, skipped: list.skipped)
    }

    /// Deletes every signer imported from `source`.
    public func removeTrustSource(_ source: String, by principal: Principal) async throws -> Int {
        try Self.checkSource(source)
        let now = clock.now()
        return try await store.write { transaction in
            try await transaction.bumpListsVersion()
            let removed =
                try await transaction.removeSigners(source: source)
                + transaction.removeHealthCardIssuers(source: source)
            guard removed > 0 else {
                throw ServiceError(.trustSourceNotFound, "No signer was imported from source \(source).")
            }
            try await transaction.append(
                AuditEvent(
                    by: principal, "trust.remove", subject: "trust-source:\(source)",
                    details: ["removed": String(removed)]), at: now)
            return removed
        }
    }

    /// Replaces the SMART Health Cards issuers of `source` with these, in one transaction.
    public func importHealthCardIssuers(
        _ list: HealthCardIssuerImport, source: String, by principal: Principal
    ) async throws -> (imported: Int, replaced: Int) {
        try Self.checkSource(source)
        guard !list.issuers.isEmpty else {
            throw ServiceError(.emptyTrustList, "The file holds no usable health card issuer; nothing was changed.")
        }
        let now = clock.now()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let stored = try list.issuers.map { issuer in
            StoredHealthCardIssuer(
                source: source, iss: issuer.iss, json: String(decoding: try encoder.encode(issuer), as: UTF8.self),
                importedAt: now)
        }
        let replaced = try await store.write { transaction in
            try await transaction.bumpListsVersion()
            let replaced = try await transaction.removeHealthCardIssuers(source: source)
            for issuer in stored { try await transaction.insert(issuer) }
            try await transaction.append(
                AuditEvent(
                    by: principal, "trust.import", subject: "trust-source:\(source)",
                    details: [
                        "healthCardIssuers": String(stored.count), "replaced": String(replaced),
                        "refused": String(list.refused.count),
                    ]), at: now)
            return replaced
        }
        return (stored.count, replaced)
    }

    /// The imported signers, of one country or all.
    public func importedSigners(country: String?) async throws -> [ImportedSigner] {
        try await store.read { try await $0.importedSigners(country: country) }
    }

    /// Replaces the value sets checks and rules use.
    public func importValueSets(_ valueSets: ValueSets, by principal: Principal) async throws {
        let now = clock.now()
        let json = String(decoding: try JSONEncoder().encode(valueSets.json), as: UTF8.self)
        try await store.write { transaction in
            try await transaction.bumpListsVersion()
            try await transaction.replaceValueSets(StoredDocument(json: json, importedAt: now))
            try await transaction.append(
                AuditEvent(
                    by: principal, "valuesets.import", subject: "value-sets",
                    details: ["sets": String(valueSets.codes.count)]), at: now)
        }
    }

    /// Stores rules, each replacing a stored rule of the same identifier and version; all or none.
    public func importRules(_ rules: [EntryRule], by principal: Principal) async throws {
        guard !rules.isEmpty else { throw ServiceError(.invalidRules, "There is no rule to import.") }
        let now = clock.now()
        let stored = try rules.map { rule in
            StoredEntryRule(
                identifier: rule.identifier, version: rule.version.description, country: rule.country,
                json: String(decoding: try JSONEncoder().encode(rule.json), as: UTF8.self), importedAt: now)
        }
        try await store.write { transaction in
            try await transaction.bumpListsVersion()
            for rule in stored { try await transaction.store(rule) }
            try await transaction.append(
                AuditEvent(
                    by: principal, "rules.import", subject: "rules",
                    details: [
                        "count": String(stored.count),
                        "identifiers": stored.map { "\($0.identifier)@\($0.version)" }.joined(separator: ","),
                    ]), at: now)
        }
    }

    /// Deletes every imported version of a rule; a shipped rule cannot be removed, only replaced by a newer version.
    public func removeRule(identifier: String, by principal: Principal) async throws -> Int {
        let now = clock.now()
        let shipped = EntryRules.defaults.rules.contains { $0.identifier == identifier }
        return try await store.write { transaction in
            try await transaction.bumpListsVersion()
            let removed = try await transaction.removeRules(identifier: identifier)
            guard removed > 0 else {
                throw shipped
                    ? ServiceError(
                        .shippedRule, "\(identifier) ships with the server: import a newer version to change it.")
                    : ServiceError(.ruleNotFound, "No rule \(identifier) was imported.")
            }
            try await transaction.append(
                AuditEvent(
                    by: principal, "rules.remove", subject: "rule:\(identifier)", details: ["removed": String(removed)]),
                at: now)
            return removed
        }
    }

    /// A source name: 1 to 64 letters, digits, `.`, `_` or `-`.
    static func checkSource(_ source: String) throws {
        guard (1...64).contains(source.utf8.count),
            source.utf8.allSatisfy({ byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == 0x2E || byte == 0x5F || byte == 0x2D
            })
        else {
            throw ServiceError(.invalidSource, "A source name is 1 to 64 letters, digits, '.', '_' or '-'.")
        }
    }
}

extension ServiceError.Code {
    public static let invalidSource = Self("invalid-source", .invalidInput)
    public static let emptyTrustList = Self("empty-trust-list", .unprocessable)
    public static let trustSourceNotFound = Self("trust-source-not-found", .notFound)
    public static let invalidRules = Self("invalid-rules", .invalidInput)
    public static let shippedRule = Self("shipped-rule", .conflict)
    public static let ruleNotFound = Self("rule-not-found", .notFound)
}
