/// The release of the backend, shown by `healthctl version` and in the OpenAPI document's `info.version`.
public enum HealthServicesVersion {
    public static let current = "0.1.0"
}
