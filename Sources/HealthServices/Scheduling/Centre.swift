/// A place where tests and vaccinations are given.
public struct Centre: Sendable, Hashable, Codable {
    public let id: String
    public let name: String
    /// The governorate or district, used to search slots nearby.
    public let area: String
    /// Ids of the catalogue services offered here, sorted.
    public let services: [String]
    public let createdAt: Timestamp
}
