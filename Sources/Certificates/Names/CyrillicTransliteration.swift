/// ICAO Doc 9303 Part 3 (8th edition, 2021), Section 6 Table B: Cyrillic characters.
///
/// The table's general column is used. Its exceptions depend on the language of the name (Ukrainian Г = H,
/// Serbian Ж = Z, Bulgarian Щ = SHT, …), which a register entry does not state; a person whose passport follows
/// such an exception has that Latin form recorded instead.
enum CyrillicTransliteration {
    /// Upper-case letters (U+0400–U+04FF) and their MRZ letters; Ь (U+042C) has none and is left out.
    static let table: [UInt32: String] = [
        0x0401: "E", 0x0402: "D", 0x0403: "G", 0x0404: "IE", 0x0405: "DZ", 0x0406: "I", 0x0407: "I", 0x0408: "J",
        0x0409: "LJ",
        0x040A: "NJ", 0x040B: "C", 0x040C: "K", 0x040E: "U", 0x040F: "DZ", 0x0410: "A", 0x0411: "B", 0x0412: "V",
        0x0413: "G",
        0x0414: "D", 0x0415: "E", 0x0416: "ZH", 0x0417: "Z", 0x0418: "I", 0x0419: "I", 0x041A: "K", 0x041B: "L",
        0x041C: "M", 0x041D: "N", 0x041E: "O", 0x041F: "P", 0x0420: "R", 0x0421: "S", 0x0422: "T", 0x0423: "U",
        0x0424: "F", 0x0425: "KH", 0x0426: "TS", 0x0427: "CH", 0x0428: "SH", 0x0429: "SHCH", 0x042A: "IE",
        0x042B: "Y", 0x042C: "", 0x042D: "E", 0x042E: "IU", 0x042F: "IA", 0x046A: "U", 0x0474: "Y", 0x0490: "G",
        0x0492: "G", 0x04BA: "C",
    ]

    /// The MRZ letters of one upper-case Cyrillic letter; nil when the table does not hold it.
    static func letters(for scalar: Unicode.Scalar) -> String? {
        table[scalar.value]
    }
}
