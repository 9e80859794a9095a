/// Everything a TEK yields for one interval: RPIK, RPI, AEMK and the AEM of given metadata.
public struct ExposureKeyDerivation: Hashable, Sendable {
    public let rpik: [UInt8]
    public let rpi: RollingProximityIdentifier
    public let aemk: [UInt8]
    public let aem: AssociatedEncryptedMetadata

    /// Derives the keys of `key` and its RPI and AEM in `interval` for `metadata`.
    public init(key: TemporaryExposureKey, interval: ENIntervalNumber, metadata: BluetoothMetadata) throws {
        rpik = try key.rollingProximityIdentifierKey()
        aemk = try key.associatedEncryptedMetadataKey()
        rpi = try RollingProximityIdentifier.derive(rpik: rpik, interval: interval)
        aem = try AssociatedEncryptedMetadata.encrypt(metadata, aemk: aemk, rpi: rpi)
    }
}
