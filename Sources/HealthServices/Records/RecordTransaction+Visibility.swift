extension RecordTransaction {
    /// Whose records a principal reads: a citizen themself and their dependants (or one of them, by
    /// `personID`); staff the person named by `personID`, which they must give.
    func visiblePeople(to principal: Principal, personID: String?) async throws -> [String] {
        if let own = principal.personID {
            let people = try await peopleActedFor(by: own)
            guard let personID else { return people }
            guard people.contains(personID) else {
                throw ServiceError(.personNotFound, "There is no such person among yours.")
            }
            return [personID]
        }
        guard let personID else { throw ServiceError(.missingField, "Staff must name the personId to read.") }
        guard try await person(id: personID) != nil else {
            throw ServiceError(.personNotFound, "There is no person with this id.")
        }
        return [personID]
    }
}
