/// The authenticated caller of a service: a citizen, a staff member's token, or an operator at healthctl.
public struct Principal: Sendable, Hashable {
    public let role: Role
    /// The name the audit log records: the staff token's name, the operator's name, or `citizen:<personId>`.
    public let name: String
    /// The citizen's own person id; nil for staff.
    public let personID: String?

    public init(role: Role, name: String, personID: String?) {
        self.role = role
        self.name = name
        self.personID = personID
    }

    /// A citizen acting through their enrolment token.
    static func citizen(personID: String) -> Principal {
        Principal(role: .citizen, name: "citizen:\(personID)", personID: personID)
    }

    /// An operator working with healthctl on the data directory itself, with full rights.
    public static func commandLine(operatorName: String) -> Principal {
        Principal(role: .admin, name: operatorName, personID: nil)
    }

    /// The server itself, for what its jobs do on their own (releasing orders whose time is up).
    public static let system = Principal(role: .admin, name: "system", personID: nil)

    /// A key that stays the same across the caller's tokens (for idempotency keys).
    var stableKey: String {
        personID.map { "person:\($0)" } ?? "staff:\(name)"
    }

    package var isStaff: Bool { role != .citizen }
}
