import HealthServices

/// The migrations of `exposure.sqlite`, in order. Append only: never edit or reorder a released one.
enum ExposureSchema {
    static let migrations: [Migration] = []
}
