/// A DCC payload built from record values: the holder and one vaccination, test or recovery entry, written as
/// eu-dcc-schema 1.3.0 JSON for `CertificateIssuer.prepare`, which adds the ICAO names and the UVCI and validates.
public struct DCCPayload: Sendable, Hashable {
    /// The one entry of the payload's `v`, `t` or `r` group.
    public enum Entry: Sendable, Hashable {
        case vaccination(VaccinationEntry)
        case test(DiagnosticTestEntry)
        case recovery(RecoveryEntry)
    }

    /// The schema version written in `ver`.
    public static let schemaVersion = "1.3.0"
    /// `tg`: COVID-19 (SNOMED CT 840539006, value set disease-agent-targeted).
    public static let diseaseAgentTargeted = "840539006"

    public var holder: CertificateHolder
    public var entry: Entry

    public init(holder: CertificateHolder, entry: Entry) {
        self.holder = holder
        self.entry = entry
    }

    /// The certificate type the entry makes.
    public var type: CertificateType {
        switch entry {
        case .vaccination: .vaccination
        case .test: .test
        case .recovery: .recovery
        }
    }

    /// The payload JSON: `ver`, `nam`, `dob` and the entry's group. Throws `unknown-vaccine-product` for a product
    /// outside the value sets and `invalid-payload` for a malformed value.
    public func json() throws(CertificateError) -> JSONValue {
        let entryJSON: JSONValue
        switch entry {
        case .vaccination(let vaccination): entryJSON = try vaccination.json()
        case .test(let test): entryJSON = try test.json()
        case .recovery(let recovery): entryJSON = try recovery.json()
        }
        return .object([
            .init("ver", .string(Self.schemaVersion)),
            .init("nam", try holder.nameJSON()),
            .init("dob", try holder.birthDateJSON()),
            .init(type.rawValue, .array([entryJSON])),
        ])
    }
}
