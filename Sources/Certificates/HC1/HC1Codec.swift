/// The HC1 transport (hcert spec §3): `"HC1:" + Base45(zlib(COSE_Sign1))`.
public enum HC1Codec {
    /// The context identifier of an EU DCC, case-sensitive.
    public static let prefix = "HC1:"

    public static func encode(cose: [UInt8]) throws(CertificateError) -> String {
        Base45.encode(try Zlib.compress(cose), prefix: prefix)
    }

    /// The Base45 text after the `HC1:` prefix.
    public static func stripPrefix(_ hc1String: String) throws(CertificateError) -> Substring {
        // The usual case, the prefix's bytes and then ASCII (or nothing), needs no Unicode-aware comparison: an ASCII
        // scalar starts a new character, so the result is the same as the character-wise path below.
        let utf8 = hc1String.utf8
        if utf8.starts(with: prefix.utf8) {
            let rest = utf8.index(utf8.startIndex, offsetBy: prefix.utf8.count)
            if rest == utf8.endIndex || utf8[rest] < 0x80 { return hc1String[rest...] }
        }
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
