/// Upper bounds applied while reading an export, so hostile files fail with an error instead of exhausting
/// memory.
public struct ExportLimits: Hashable, Sendable {
    /// Largest zip file accepted.
    public var maximumArchiveBytes: Int
    /// Largest export.bin, after inflating.
    public var maximumExportBinBytes: Int
    /// Largest export.sig, after inflating.
    public var maximumExportSigBytes: Int
    /// Most signature infos in export.bin and signatures in export.sig (the format's documented limit).
    public var maximumSignatures: Int
    /// Longest region string, in bytes.
    public var maximumRegionBytes: Int

    /// Room for the reference server's largest batch (750,000 keys at about 30 bytes each).
    public static let standard = ExportLimits(
        maximumArchiveBytes: 32 << 20, maximumExportBinBytes: 32 << 20, maximumExportSigBytes: 64 << 10,
        maximumSignatures: 10, maximumRegionBytes: 64)

    public init(
        maximumArchiveBytes: Int, maximumExportBinBytes: Int, maximumExportSigBytes: Int, maximumSignatures: Int,
        maximumRegionBytes: Int
    ) {
        self.maximumArchiveBytes = maximumArchiveBytes
        self.maximumExportBinBytes = maximumExportBinBytes
        self.maximumExportSigBytes = maximumExportSigBytes
        self.maximumSignatures = maximumSignatures
        self.maximumRegionBytes = maximumRegionBytes
    }
}
