/// The name fields a request, CSV row or FHIR Patient may carry, unchecked: the single `name` old clients send,
/// and the parts the population register holds.
public struct PersonNameFields: Sendable, Hashable {
    public var name: String?
    public var familyName: String?
    public var givenName: String?
    public var familyNameLatin: String?
    public var givenNameLatin: String?

    public init(
        name: String? = nil, familyName: String? = nil, givenName: String? = nil, familyNameLatin: String? = nil,
        givenNameLatin: String? = nil
    ) {
        self.name = name
        self.familyName = familyName
        self.givenName = givenName
        self.familyNameLatin = familyNameLatin
        self.givenNameLatin = givenNameLatin
    }
}
