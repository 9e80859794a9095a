/// Where the lists a border check needs from abroad are kept: imported document signers, health card issuers,
/// the value sets and the entry rules. Every change bumps one version number, so a server holding a copy knows
/// when to read them again.
public protocol BorderListStore: Sendable {
    /// Runs `body` outside any explicit transaction, as both backends read: each statement sees what was committed when
    /// it began, so two reads in one body may see different states. `body` may run more than once (PostgreSQL runs it
    /// again after a lost session) and must change nothing. Lists read together may thus be of different versions:
    /// ``BorderListService`` reads ``BorderListTransaction/listsVersion()`` first, and a copy that mixed them carries
    /// the older number, so it is read again.
    func read<T: Sendable>(_ body: @escaping @Sendable (any BorderListTransaction) async throws -> T) async throws -> T
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws. `body` may run more than
    /// once (PostgreSQL runs it again after a lost race or session; SQLite runs it on its own when SQLite rolled back
    /// the transaction it shared with other writes), and only the run that committed answers, so it must have no effect
    /// outside the store. It should await nothing but the transaction: on SQLite the other writes wait while it runs. A
    /// body that changes a list calls ``BorderListTransaction/bumpListsVersion()`` first, or copies held elsewhere go
    /// on serving the old lists.
    func write<T: Sendable>(_ body: @escaping @Sendable (any BorderListTransaction) async throws -> T) async throws -> T
}

/// The border lists inside one transaction.
public protocol BorderListTransaction {
    /// Counts the changes made to any of the lists; 0 before the first.
    func listsVersion() async throws -> Int64
    /// Marks a change, in the same transaction as the change and before it: it holds the version (on PostgreSQL its
    /// row stays locked to the end), so changes of the lists run one after another, and one that replaces a
    /// source's signers sees, and replaces, those of an import that committed while it waited.
    func bumpListsVersion() async throws

    /// Imported signers, of one country or all, ordered by country, source and kid.
    func importedSigners(country: String?) async throws -> [ImportedSigner]
    /// Deletes every signer imported from `source`; returns how many there were.
    func removeSigners(source: String) async throws -> Int
    /// Stores an imported signer. A certificate is kept once per source: importing it again from the same source keeps
    /// the first (`ON CONFLICT DO NOTHING`).
    func insert(_ signer: ImportedSigner) async throws

    /// The imported value sets as JSON text, nil while the shipped ones are in use.
    func valueSets() async throws -> StoredDocument?
    /// Stores the imported value sets in place of any held before; there is one document at most.
    func replaceValueSets(_ document: StoredDocument) async throws

    /// Imported entry rules, ordered by identifier and version.
    func importedRules() async throws -> [StoredEntryRule]
    /// Stores a rule, replacing a stored rule with the same identifier and version.
    func store(_ rule: StoredEntryRule) async throws
    /// Deletes every stored version of a rule; returns how many there were.
    func removeRules(identifier: String) async throws -> Int

    /// Imported SMART Health Cards issuers, ordered by source and issuer URL.
    func importedHealthCardIssuers() async throws -> [StoredHealthCardIssuer]
    /// Deletes every health card issuer imported from `source`; returns how many there were.
    func removeHealthCardIssuers(source: String) async throws -> Int
    /// Stores an imported issuer, replacing one with the same source and issuer URL.
    func insert(_ issuer: StoredHealthCardIssuer) async throws

    /// Appends `event` to the hash-chained audit log in this transaction, so the entry commits exactly when the change
    /// it records does. Call it last: on PostgreSQL it takes the chain's lock, held until commit, and records the
    /// transaction's id, by which a COMMIT left unanswered is settled.
    func append(_ event: AuditEvent, at now: Timestamp) async throws
}

/// A SMART Health Cards issuer imported from a directory or a JWKS, kept whole as JSON (its URL, name, keys and
/// revocation lists).
public struct StoredHealthCardIssuer: Sendable, Hashable {
    public let source: String
    public let iss: String
    public let json: String
    public let importedAt: Timestamp

    public init(source: String, iss: String, json: String, importedAt: Timestamp) {
        self.source = source
        self.iss = iss
        self.json = json
        self.importedAt = importedAt
    }
}

/// A document signer certificate imported from another country's or the gateway's trust list.
public struct ImportedSigner: Sendable, Hashable {
    /// The operator's name for the list it came from; importing that source again replaces its signers.
    public let source: String
    /// The kid, base64: the first 8 bytes of the certificate's SHA-256.
    public let kid: String
    /// ISO 3166 alpha-2.
    public let country: String
    /// The certificate, DER.
    public let certificate: [UInt8]
    public let importedAt: Timestamp

    public init(source: String, kid: String, country: String, certificate: [UInt8], importedAt: Timestamp) {
        self.source = source
        self.kid = kid
        self.country = country
        self.certificate = certificate
        self.importedAt = importedAt
    }
}

/// A JSON document kept as imported.
public struct StoredDocument: Sendable, Hashable {
    public let json: String
    public let importedAt: Timestamp

    public init(json: String, importedAt: Timestamp) {
        self.json = json
        self.importedAt = importedAt
    }
}

/// An entry rule kept as imported, with the fields it is found by.
public struct StoredEntryRule: Sendable, Hashable {
    public let identifier: String
    public let version: String
    public let country: String
    /// The gateway rule object, JSON text.
    public let json: String
    public let importedAt: Timestamp

    public init(identifier: String, version: String, country: String, json: String, importedAt: Timestamp) {
        self.identifier = identifier
        self.version = version
        self.country = country
        self.json = json
        self.importedAt = importedAt
    }
}
