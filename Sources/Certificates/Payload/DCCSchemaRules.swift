/// The constraints of one generation of eu-dcc-schema's combined schema (testdata/dcc/schema), where they differ.
struct DCCSchemaRules: Sendable {
    /// How `dob` is matched.
    enum BirthDatePattern: Sendable {
        /// 1.0.x: `(19|20)\d{2}-\d{2}-\d{2}` found anywhere in the text.
        case fullDateAnywhere
        /// 1.1.0 to 1.2.1: `^(19|20)\d\d(-\d\d){0,2}$`.
        case partialDate
        /// 1.3.x: `^((19|20)\d\d(-\d\d){0,2}){0,1}$`, so also empty.
        case partialDateOrEmpty
    }

    /// maxLength of names, issuer, UVCI and testing centre.
    let maxLength: Int
    /// The largest dose number, if bounded (`dose_posint` maximum).
    let doseMaximum: Int64?
    let testCentreRequired: Bool
    /// maxLength of the NAA test name, if bounded.
    let testNameMaxLength: Int?
    let birthDate: BirthDatePattern
    /// Each group holds at most one entry (maxItems 1).
    let singleEntryGroups: Bool
    /// `nam` needs `fnt`; later versions need `fnt` or `gnt`.
    let standardisedSurnameRequired: Bool

    /// The rules for a declared version, as the combined schema of that version states them; versions the test data
    /// does not hold use the newest rules.
    static func forVersion(_ version: String?) -> DCCSchemaRules {
        switch version {
        case "1.0.0", "1.0.1":
            DCCSchemaRules(
                maxLength: 50, doseMaximum: 9, testCentreRequired: true, testNameMaxLength: nil,
                birthDate: .fullDateAnywhere, singleEntryGroups: false, standardisedSurnameRequired: true)
        case "1.1.0", "1.2.0", "1.2.1":
            DCCSchemaRules(
                maxLength: 50, doseMaximum: 9, testCentreRequired: true, testNameMaxLength: nil,
                birthDate: .partialDate, singleEntryGroups: false, standardisedSurnameRequired: true)
        case "1.3.0", "1.3.1":
            DCCSchemaRules(
                maxLength: 80, doseMaximum: nil, testCentreRequired: false, testNameMaxLength: 80,
                birthDate: .partialDateOrEmpty, singleEntryGroups: true, standardisedSurnameRequired: true)
        default:
            DCCSchemaRules(
                maxLength: 80, doseMaximum: nil, testCentreRequired: false, testNameMaxLength: 80,
                birthDate: .partialDateOrEmpty, singleEntryGroups: true, standardisedSurnameRequired: false)
        }
    }
}
