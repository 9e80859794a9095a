/// The migrations of `health.sqlite`, in order. Append only: never edit or reorder a released one.
enum HealthSchema {
    static let migrations: [Migration] = []
}
