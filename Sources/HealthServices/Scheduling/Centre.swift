/// A place where tests and vaccinations are given.
public struct Centre: Sendable, Hashable, Codable {
    public let id: String
    public let name: String
    /// The governorate or district, used to search slots nearby.
    public let area: String
    /// Ids of the catalogue services offered here, sorted.
    public let services: [String]
    public let createdAt: Timestamp

    package init(id: String, name: String, area: String, services: [String], createdAt: Timestamp) {
        self.id = id
        self.name = name
        self.area = area
        self.services = services
        self.createdAt = createdAt
    }
}
