/// One person of a `healthctl people import` file: where it is, and its raw fields or why they cannot be read.
public struct PersonImportRow: Sendable, Hashable {
    /// The raw fields of one person, checked later exactly as `POST /v1/people` checks them.
    public struct Fields: Sendable, Hashable {
        public var nationalId = ""
        public var dateOfBirth = ""
        public var names = PersonNameFields()
        public var phone: String?
    }

    /// The position for people: `line 12`, `entry 3 (Patient/abc)`.
    public let location: String
    public let fields: Result<Fields, ServiceError>
}
