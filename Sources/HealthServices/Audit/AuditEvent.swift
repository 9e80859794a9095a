/// A state change to record in the audit log, in the same transaction as the change itself.
public struct AuditEvent: Sendable, Hashable {
    public let actor: String
    public let role: Role
    /// A dotted verb such as `appointment.book` or `token.revoke`.
    public let action: String
    /// `type:id` of what changed, such as `appointment:apt_…`; ids only, never personal data.
    public let subject: String
    /// Further ids and counts as JSON with sorted keys and escaped strings: the exact text that is stored and
    /// hashed. Written once here, where the event is made, so that a write's transaction (on SQLite, the one writer
    /// thread every write shares) does not spend its time on it.
    package let detailsJSON: String

    init(by principal: Principal, _ action: String, subject: String, details: [String: String] = [:]) {
        self.actor = principal.name
        self.role = principal.role
        self.action = action
        self.subject = subject
        self.detailsJSON =
            "{" + details.keys.sorted().map { "\(Self.quoted($0)):\(Self.quoted(details[$0]!))" }.joined(separator: ",")
            + "}"
    }

    private static func quoted(_ text: String) -> String {
        // Ids and counts, as details hold, need no escape.
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) {
            return "\"" + text + "\""
        }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
