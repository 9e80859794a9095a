/// Short text strings that every HC1 payload repeats: the eu-dcc-schema member names. The reader returns these as
/// constants instead of building a new string for each, which is most of the text a certificate holds.
extension CBORReader {
    /// The constant equal to `bytes`, nil when `bytes` is not one of the shared names.
    static func sharedText(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count <= 3 else { return nil }
        switch packed(bytes) {
        case packed("ver"): return "ver"
        case packed("nam"): return "nam"
        case packed("dob"): return "dob"
        case packed("v"): return "v"
        case packed("t"): return "t"
        case packed("r"): return "r"
        case packed("fn"): return "fn"
        case packed("gn"): return "gn"
        case packed("fnt"): return "fnt"
        case packed("gnt"): return "gnt"
        case packed("tg"): return "tg"
        case packed("vp"): return "vp"
        case packed("mp"): return "mp"
        case packed("ma"): return "ma"
        case packed("dn"): return "dn"
        case packed("sd"): return "sd"
        case packed("dt"): return "dt"
        case packed("co"): return "co"
        case packed("is"): return "is"
        case packed("ci"): return "ci"
        case packed("tt"): return "tt"
        case packed("nm"): return "nm"
        case packed("sc"): return "sc"
        case packed("tr"): return "tr"
        case packed("tc"): return "tc"
        case packed("dr"): return "dr"
        case packed("fr"): return "fr"
        case packed("df"): return "df"
        case packed("du"): return "du"
        default: return nil
        }
    }

    /// Up to three bytes and their count in one integer, so that different byte strings never share a value.
    @inline(__always)
    static func packed(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var value = UInt32(bytes.count) << 24
        for index in 0..<bytes.count { value |= UInt32(bytes[index]) << (8 * UInt32(index)) }
        return value
    }

    /// The packed form of a name written in the source; folds to a constant.
    @inline(__always)
    static func packed(_ name: StaticString) -> UInt32 {
        name.withUTF8Buffer { packed($0) }
    }
}
