/// What the vaccination service reads and records of doses inside a record transaction.
public protocol VaccinationTransaction {
    /// The people's doses, oldest first; each with its centre, read through its appointment. In a write, no other
    /// write records a dose for these people or changes them until this one ends, so the dose rules decide on every
    /// dose there is, and the people read after it are as they will stay.
    func vaccinations(ofPeople personIDs: [String]) async throws -> [Vaccination]
    /// Stores a dose. One given here names its appointment, which has at most one dose (a unique constraint); one given
    /// abroad names none.
    func insert(_ vaccination: Vaccination) async throws
}
