public import Foundation

/// The business rules a verifier holds: which apply to a certificate checked for one destination at one instant.
public struct EntryRules: Sendable {
    public let rules: [EntryRule]
    /// The rules by identifier, newest version first: the order `applicable` takes them in, so it needs no
    /// dictionary or sort for each check.
    let byIdentifierNewestFirst: [EntryRule]

    public init(_ rules: [EntryRule]) {
        self.rules = rules
        byIdentifierNewestFirst = rules.sorted {
            $0.identifier != $1.identifier ? $0.identifier < $1.identifier : $0.version > $1.version
        }
    }

    /// The rules for a check at `instant` of a certificate of `type` issued by `issuer`, entering `destination`:
    /// the destination's acceptance rules and the issuing country's invalidation rules whose `CertificateType`
    /// covers the type and that are in force; of several versions of one identifier, the newest in force. In
    /// identifier order.
    public func applicable(
        to type: CertificateType, issuedBy issuer: String?, destination: String, at instant: Date
    ) -> [EntryRule] {
        var chosen: [EntryRule] = []
        for rule in byIdentifierNewestFirst where rule.scope.covers(type) && rule.isInForce(at: instant) {
            switch rule.kind {
            case .acceptance: guard rule.country == destination else { continue }
            case .invalidation: guard rule.country == issuer else { continue }
            }
            if chosen.last?.identifier != rule.identifier { chosen.append(rule) }
        }
        return chosen
    }

    /// Whether `country` has at least one acceptance rule: without one, a certificate would pass its entry check
    /// unchecked.
    public func holdsAcceptanceRules(of country: String) -> Bool {
        rules.contains { $0.kind == .acceptance && $0.country == country }
    }

    /// The countries with at least one acceptance rule, sorted.
    public var destinations: [String] {
        Set(rules.filter { $0.kind == .acceptance }.map(\.country)).sorted()
    }

    /// Reads every `<ID>/rule.json` below `directory` (one level of country folders may come first, as in the
    /// gateway test data), sorted by path; the first rule that is not valid stops the reading.
    public static func rules(inDirectory directory: URL) throws(CertificateError) -> [(path: String, rule: EntryRule)] {
        var rules: [(path: String, rule: EntryRule)] = []
        for url in ruleFiles(in: directory) { rules.append((url.path, try EntryRule(json: try readJSON(url)))) }
        return rules
    }

    /// Every `rule.json` at any depth below `directory`, sorted by path.
    static func ruleFiles(in directory: URL) -> [URL] {
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        var paths: [URL] = []
        while let url = files?.nextObject() as? URL {
            if url.lastPathComponent == "rule.json" { paths.append(url) }
        }
        return paths.sorted { $0.path < $1.path }
    }

    /// The JSON in a file, or `invalid-rule` naming it.
    public static func readJSON(_ url: URL) throws(CertificateError) -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
        } catch {
            throw CertificateError(.invalidRule, "\(url.lastPathComponent) is not readable JSON")
        }
    }

    /// Bahrain's entry rules shipped with the project (`Resources/rules/BH`), with their tests beside them.
    public static var bahrainDirectory: URL {
        guard let url = Bundle.module.url(forResource: "rules/BH", withExtension: nil) else {
            preconditionFailure("the bundled entry rules are missing")
        }
        return url
    }

    /// The shipped rules, read once.
    public static let defaults: EntryRules = {
        do {
            return EntryRules(try rules(inDirectory: bahrainDirectory).map(\.rule))
        } catch {
            preconditionFailure("the bundled entry rules are invalid: \(error)")
        }
    }()
}
