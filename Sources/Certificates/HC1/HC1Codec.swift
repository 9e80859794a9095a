/// The HC1 transport (hcert spec §3): `"HC1:" + Base45(zlib(COSE_Sign1))`.
public enum HC1Codec {
    /// The context identifier of an EU DCC, case-sensitive.
    public static let prefix = "HC1:"

    public static func encode(cose: [UInt8]) throws(CertificateError) -> String {
        Base45.encode(try Zlib.compress(cose), prefix: prefix)
    }

    /// The Base45 text after the `HC1:` prefix.
    public static func stripPrefix(_ hc1String: String) throws(CertificateError) -> Substring {
        guard hc1String.hasPrefix(prefix) else {
            throw CertificateError(.wrongPrefix, "does not start with \(prefix)")
        }
        return hc1String.dropFirst(prefix.count)
    }

    /// The COSE bytes inside an HC1 string.
    public static func decode(
        _ hc1String: String,
        maximumOutputSize: Int = Zlib.defaultMaximumOutputSize
    ) throws(CertificateError) -> [UInt8] {
        let compressed = try Base45.decode(try stripPrefix(hc1String))
        return try Zlib.decompress(compressed, maximumOutputSize: maximumOutputSize)
    }
}
