/// Who a bearer token speaks for. Every route declares the roles it allows.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    case citizen
    case lab
    case vaccinator
    case `operator`
    case verifier
    case admin

    /// The roles healthctl can issue tokens for; citizen tokens come only from enrolment.
    public static let staff: Set<Role> = [.lab, .vaccinator, .operator, .verifier, .admin]
}
