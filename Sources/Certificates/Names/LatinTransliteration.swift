import Foundation

/// ICAO Doc 9303 Part 3 (8th edition, 2021), Section 6 Table A: multinational Latin-based characters.
///
/// Where the table offers a choice (Ä "AE or A", Ñ "N or NXX", Ü "UE or UXX or U", …) the first form is used.
/// Latin letters the table does not list (Vietnamese Ễ, Ư, Ơ, …) are written as their base letter, as the table
/// does for every plain accented letter.
enum LatinTransliteration {
    /// The letters whose MRZ form is not simply the base letter of their canonical decomposition.
    static let table: [Unicode.Scalar: String] = [
        "Ä": "AE", "Å": "AA", "Æ": "AE", "Ð": "D", "Ö": "OE", "Ø": "OE", "Ü": "UE", "Þ": "TH", "Đ": "D", "Ħ": "H",
        "ı": "I", "Ĳ": "IJ", "Ŀ": "L", "Ł": "L", "Ŋ": "N", "Œ": "OE", "Ŧ": "T", "ẞ": "SS",
    ]

    /// The MRZ letters of one upper-case Latin letter; nil when the scalar is not a Latin letter.
    static func letters(for scalar: Unicode.Scalar) -> String? {
        if isBasicLetter(scalar) { return String(scalar) }
        if let mapped = table[scalar] { return mapped }
        guard isLatinExtension(scalar) else { return nil }
        let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first
        guard let base, isBasicLetter(base) else { return nil }
        return String(base)
    }

    static func isBasicLetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(scalar.value)
    }

    /// Latin-1 Supplement, Latin Extended-A and -B, and Latin Extended Additional (U+1E00–U+1EFF).
    static func isLatinExtension(_ scalar: Unicode.Scalar) -> Bool {
        (0xC0...0x24F).contains(scalar.value) || (0x1E00...0x1EFF).contains(scalar.value)
    }
}
