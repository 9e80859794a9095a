/// ICAO Doc 9303 Part 3 (8th edition, 2021), Section 6 Table C: Arabic script.
///
/// Letters without a Latin counterpart are written as `X` digraphs so the Arabic can be read back; vowel signs,
/// tatweel and superscript alef are not encoded; shadda doubles the letters before it (handled by
/// ``ICAOName``, which knows what came before).
enum ArabicTransliteration {
    /// Arabic shadda (U+0651): the consonant it sits on is written twice.
    static let shadda: Unicode.Scalar = "\u{0651}"
    /// Teh marbuta (U+0629): `XTA`, but `XAH` at the end of a name component (note 2 of the table).
    static let tehMarbuta: Unicode.Scalar = "\u{0629}"

    static let table: [UInt32: String] = [
        0x0621: "XE", 0x0622: "XAA", 0x0623: "XAE", 0x0624: "U", 0x0625: "I", 0x0626: "XI", 0x0627: "A", 0x0628: "B",
        0x0629: "XTA", 0x062A: "T", 0x062B: "XTH", 0x062C: "J", 0x062D: "XH", 0x062E: "XKH", 0x062F: "D",
        0x0630: "XDH", 0x0631: "R", 0x0632: "Z", 0x0633: "S", 0x0634: "XSH", 0x0635: "XSS", 0x0636: "XDZ",
        0x0637: "XTT", 0x0638: "XZZ", 0x0639: "E", 0x063A: "G", 0x0640: "", 0x0641: "F", 0x0642: "Q", 0x0643: "K",
        0x0644: "L", 0x0645: "M", 0x0646: "N", 0x0647: "H", 0x0648: "W", 0x0649: "XAY", 0x064A: "Y",
        0x064B: "", 0x064C: "", 0x064D: "", 0x064E: "", 0x064F: "", 0x0650: "", 0x0652: "", 0x0670: "",
        0x0671: "XXA", 0x0679: "XXT", 0x067C: "XRT", 0x067E: "P", 0x0681: "XKE", 0x0685: "XXH", 0x0686: "XC",
        0x0688: "XXD", 0x0689: "XDR", 0x0691: "XXR", 0x0693: "XRR", 0x0696: "XRX", 0x0698: "XJ", 0x069A: "XXS",
        0x06A9: "XKK", 0x06AB: "XXK", 0x06AD: "XNG", 0x06AF: "XGG", 0x06BA: "XNN", 0x06BC: "XXN", 0x06BE: "XDO",
        0x06C0: "XYH", 0x06C1: "XXG", 0x06C2: "XGE", 0x06C3: "XTG", 0x06CC: "XYA", 0x06CD: "XXY", 0x06D0: "Y",
        0x06D2: "XYB", 0x06D3: "XBE",
    ]

    /// The MRZ letters of one Arabic character (empty for the signs the table does not encode); nil when the
    /// table does not hold it.
    static func letters(for scalar: Unicode.Scalar, endsComponent: Bool) -> String? {
        if scalar == tehMarbuta && endsComponent { return "XAH" }
        return table[scalar.value]
    }

    /// What shadda adds after a letter written `letters`: the letters again, without the `X` that marks a
    /// digraph (note 3 of the table: ض‎ with shadda is `XDZDZ`).
    static func doubled(_ letters: String) -> String {
        letters.count > 1 && letters.hasPrefix("X") ? String(letters.dropFirst()) : letters
    }

    /// Whether the character is one the table writes nothing for (vowel signs, tatweel, superscript alef).
    static func isUnwritten(_ scalar: Unicode.Scalar) -> Bool {
        table[scalar.value] == ""
    }
}
