import Foundation

/// Names in the machine-readable form of ICAO Doc 9303 Part 3 §6: upper-case A-Z, `<` between name parts,
/// Latin letters with diacritics and Arabic script transliterated by the tables of that section.
public enum ICAOTransliteration {
    /// Multinational Latin characters whose ICAO form is not simply the base letter.
    static let latin: [Unicode.Scalar: String] = [
        "Ä": "AE", "Å": "AA", "Æ": "AE", "Ð": "D", "Ö": "OE", "Ø": "OE", "Ü": "UE", "Þ": "TH", "ß": "SS",
        "Đ": "D", "Ħ": "H", "Ĳ": "IJ", "ı": "I", "Ŀ": "L", "Ł": "L", "Ŋ": "N", "Œ": "OE", "Ŧ": "T", "ẞ": "SS",
    ]

    /// Arabic script (ICAO Doc 9303 Part 3, transliteration of Arabic).
    static let arabic: [UInt32: String] = [
        0x0621: "XE", 0x0622: "XAA", 0x0623: "XAE", 0x0624: "U", 0x0625: "I", 0x0626: "XI", 0x0627: "A",
        0x0628: "B", 0x0629: "XTA", 0x062A: "T", 0x062B: "XTH", 0x062C: "J", 0x062D: "XH", 0x062E: "XKH",
        0x062F: "D", 0x0630: "XDH", 0x0631: "R", 0x0632: "Z", 0x0633: "S", 0x0634: "XSH", 0x0635: "XSS",
        0x0636: "XDZ", 0x0637: "XTT", 0x0638: "XZZ", 0x0639: "E", 0x063A: "G", 0x0641: "F", 0x0642: "Q",
        0x0643: "K", 0x0644: "L", 0x0645: "M", 0x0646: "N", 0x0647: "H", 0x0648: "W", 0x0649: "XAY",
        0x064A: "Y", 0x064B: "F", 0x064C: "N", 0x064D: "K", 0x064E: "A", 0x064F: "U", 0x0650: "I", 0x0652: "O",
        0x0670: "", 0x0671: "XXA", 0x067E: "P", 0x0686: "XC", 0x0698: "XJ", 0x06A9: "XKK", 0x06AF: "XGG",
        0x06CC: "XYA",
    ]

    /// Characters that separate name parts and become `<`.
    static let separators: Set<Unicode.Scalar> = [" ", "-", ",", "\u{00A0}", "\u{2010}", "\u{2011}"]
    /// Arabic shadda: the consonant it sits on is written twice.
    static let shadda: Unicode.Scalar = "\u{0651}"

    public static func transliterate(_ name: String) -> String {
        var output = ""
        var lastLetters = ""
        for scalar in name.uppercased().unicodeScalars {
            if separators.contains(scalar) {
                if !output.isEmpty && !output.hasSuffix("<") { output += "<" }
                lastLetters = ""
                continue
            }
            if scalar == shadda {
                output += lastLetters
                continue
            }
            let letters = letters(for: scalar)
            output += letters
            if !letters.isEmpty { lastLetters = letters }
        }
        while output.hasSuffix("<") { output.removeLast() }
        return output
    }

    /// The A-Z letters for one upper-cased character, empty for characters ICAO omits (apostrophes, digits, ...).
    static func letters(for scalar: Unicode.Scalar) -> String {
        if scalar.value >= 0x41 && scalar.value <= 0x5A { return String(scalar) }
        if let mapped = latin[scalar] { return mapped }
        if let mapped = arabic[scalar.value] { return mapped }
        guard scalar.value >= 0xC0 && scalar.value < 0x2000 else { return "" }
        let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first
        if let base, base.value >= 0x41 && base.value <= 0x5A { return String(base) }
        return ""
    }
}
