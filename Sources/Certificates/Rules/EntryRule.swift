public import Foundation

/// One business rule as the DCC gateway distributes it (`Identifier`, `Type`, `Country`, `Version`,
/// `CertificateType`, `Description`, `ValidFrom`, `ValidTo`, `AffectedFields`, `Logic`, …), its logic checked as
/// CertLogic once when read.
public struct EntryRule: Sendable {
    /// `Acceptance` rules are the destination's conditions of entry; `Invalidation` rules are the issuing country's
    /// withdrawal of certificates it issued.
    public enum Kind: String, Sendable, Hashable {
        case acceptance = "Acceptance"
        case invalidation = "Invalidation"
    }

    /// The certificates a rule is for: `General` applies to every type.
    public enum Scope: String, Sendable, Hashable {
        case general = "General"
        case vaccination = "Vaccination"
        case test = "Test"
        case recovery = "Recovery"

        func covers(_ type: CertificateType) -> Bool {
            switch self {
            case .general: true
            case .vaccination: type == .vaccination
            case .test: type == .test
            case .recovery: type == .recovery
            }
        }
    }

    public let identifier: String
    public let kind: Kind
    /// ISO 3166 alpha-2, upper case.
    public let country: String
    public let version: RuleVersion
    public let scope: Scope
    /// Description by language code, in the order given.
    public let descriptions: [(language: String, text: String)]
    public let validFrom: Date
    public let validTo: Date
    public let logic: CertLogicExpression
    /// The rule as read, for storing and serving; one stored loosely by an earlier release, with its `Version` as
    /// read (see ``servable(_:version:)``).
    public let json: JSONValue

    /// `json` as it is served to the border page and the gateway, with `version` written as `Version` when one
    /// stored by an earlier release read only loosely (`1.0.0.`): the page, which reads it strictly, would refuse
    /// the rule, and with it every list it downloads.
    private static func servable(_ json: JSONValue, version: RuleVersion?) -> JSONValue {
        guard let version, case .object(let members) = json else { return json }
        return .object(
            members.map { $0.key == "Version" ? JSONValue.Member("Version", .string(version.description)) : $0 })
    }

    /// Reads and checks a rule object. `stored` reads one an earlier release stored, under the checks it was stored
    /// with: a `Version` that read as three numbers then (`1.0.0.`) and any `EngineVersion` still read, so an upgrade
    /// never leaves the border without its lists; imports get every check.
    public init(json: JSONValue, stored: Bool = false) throws(CertificateError) {
        func text(_ name: String) throws(CertificateError) -> String {
            guard let value = json[name]?.stringValue, !value.isEmpty else {
                throw CertificateError(
                    .invalidRule, "\(json["Identifier"]?.stringValue ?? "a rule"): \(name) is missing")
            }
            return value
        }
        let identifier = try text("Identifier")
        func invalid(_ reason: String) -> CertificateError {
            CertificateError(.invalidRule, "\(identifier): \(reason)")
        }
        guard identifier.utf8.count <= 100 else { throw invalid("the identifier is longer than 100 characters") }
        guard let kind = Kind(rawValue: try text("Type")) else {
            throw invalid("Type is not Acceptance or Invalidation")
        }
        let country = try text("Country")
        guard CountryCode.isAlpha2(country) else {
            throw invalid("Country is not two capital letters")
        }
        let versionText = try text("Version")
        guard let version = RuleVersion(versionText) ?? (stored ? RuleVersion(storedEarlier: versionText) : nil) else {
            throw invalid("Version is not major.minor.patch")
        }
        guard let scope = Scope(rawValue: try text("CertificateType")) else {
            throw invalid("CertificateType is not General, Vaccination, Test or Recovery")
        }
        guard let validFrom = ISO8601.parse(try text("ValidFrom")), let validTo = ISO8601.parse(try text("ValidTo"))
        else { throw invalid("ValidFrom and ValidTo must be ISO 8601 date-times") }
        guard validFrom < validTo else { throw invalid("ValidFrom is not before ValidTo") }
        if let engine = json["Engine"]?.stringValue, engine != "CERTLOGIC" {
            throw invalid("Engine \(engine) is not CERTLOGIC")
        }
        if !stored, let engineVersion = json["EngineVersion"]?.stringValue {
            guard let version = RuleVersion(engineVersion), version <= Self.engineVersion else {
                throw invalid("EngineVersion \(engineVersion) is not a CertLogic version up to \(Self.engineVersion)")
            }
        }
        guard let logic = json["Logic"] else { throw invalid("Logic is missing") }
        do {
            self.logic = try CertLogicExpression(logic)
        } catch {
            throw invalid("Logic is not valid CertLogic: \(error.message)")
        }
        self.identifier = identifier
        self.kind = kind
        self.country = country
        self.version = version
        self.scope = scope
        self.descriptions = Self.descriptions(json["Description"])
        self.validFrom = validFrom
        self.validTo = validTo
        self.json = Self.servable(json, version: RuleVersion(versionText) == nil ? version : nil)
    }

    static func descriptions(_ value: JSONValue?) -> [(language: String, text: String)] {
        guard case .array(let entries) = value else { return [] }
        return entries.compactMap { entry in
            guard let language = entry["lang"]?.stringValue, let text = entry["desc"]?.stringValue else { return nil }
            return (language, text)
        }
    }

    /// The description in `language`, else in English, else the first one given.
    public func description(in language: String) -> String {
        descriptions.first { $0.language == language }?.text
            ?? descriptions.first { $0.language == "en" }?.text ?? descriptions.first?.text ?? identifier
    }

    /// Whether the rule is in force at `instant` (ValidFrom inclusive, ValidTo exclusive).
    public func isInForce(at instant: Date) -> Bool {
        validFrom <= instant && instant < validTo
    }
}

extension EntryRule {
    /// The CertLogic version this evaluator implements: a rule written for a later one may use what it does not
    /// know, so it is refused when read, never evaluated with other semantics.
    public static let engineVersion = RuleVersion("1.3.3")!
}

/// A rule's `Version`: three dot-separated numbers of digits alone, compared numerically. Anything else (`1.0.0.`,
/// `+1.0.0`) is refused, as the verifier page refuses it: a rule one side took and the other did not would make the
/// page refuse every list the server serves.
public struct RuleVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let parts: [Int]

    public init?(_ text: String) {
        let texts = text.split(separator: ".", omittingEmptySubsequences: false)
        let parts = texts.compactMap { part in
            part.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ? Int(part) : nil
        }
        guard texts.count == 3, parts.count == 3 else { return nil }
        self.parts = parts
    }

    /// A version as releases before the strict check read it: the parts that are numbers, when they are three.
    init?(storedEarlier text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).compactMap { Int($0) }
        guard parts.count == 3, parts.allSatisfy({ $0 >= 0 }) else { return nil }
        self.parts = parts
    }

    public static func < (lhs: RuleVersion, rhs: RuleVersion) -> Bool {
        lhs.parts.lexicographicallyPrecedes(rhs.parts)
    }

    public var description: String { parts.map(String.init).joined(separator: ".") }
}
