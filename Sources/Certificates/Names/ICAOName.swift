import Foundation

/// Names in the machine-readable form of ICAO Doc 9303 Part 3 §4.6 and §6, as the DCC `fnt` and `gnt` carry
/// them: upper-case A–Z, one `<` between name components.
///
/// Spaces, hyphens and commas separate components; apostrophes are dropped and join what they separated; digits
/// and other punctuation are dropped. Letters go through the tables of §6: Latin (``LatinTransliteration``),
/// Cyrillic (``CyrillicTransliteration``) and Arabic (``ArabicTransliteration``). A letter no table covers (Greek,
/// Chinese, …) makes the whole name untransliterable: the answer is nil, never a name with parts missing.
public enum ICAOName {
    /// The standardised form of a name in any script the tables cover; nil when a letter is in none of them
    /// or nothing is left.
    public static func transliterated(_ name: String) -> String? {
        standardised(name, latinOnly: false)
    }

    /// The standardised form of a name written in Latin letters (as printed in a passport); nil when it holds a
    /// letter of another script or nothing is left.
    public static func normalisedLatin(_ name: String) -> String? {
        standardised(name, latinOnly: true)
    }

    /// Characters that end a name component and become `<`.
    static let separators: Set<Unicode.Scalar> = ["-", ",", "\u{060C}", "\u{2010}", "\u{2011}"]
    /// Apostrophes, left out so the parts they separate are joined (D'ARTAGNAN → DARTAGNAN).
    static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{2018}", "\u{02BC}", "\u{02BB}", "`"]

    static func standardised(_ name: String, latinOnly: Bool) -> String? {
        let scalars = Array(name.precomposedStringWithCanonicalMapping.uppercased().unicodeScalars)
        var components: [String] = []
        var component = ""
        var lastLetters = ""
        for (index, scalar) in scalars.enumerated() {
            if isSeparator(scalar) {
                if !component.isEmpty { components.append(component) }
                component = ""
                lastLetters = ""
                continue
            }
            if apostrophes.contains(scalar) { continue }
            if scalar == ArabicTransliteration.shadda && !latinOnly {
                component += ArabicTransliteration.doubled(lastLetters)
                continue
            }
            guard isLetter(scalar) else { continue }
            let endsComponent = !scalars[(index + 1)...].prefix { !isSeparator($0) }.contains { isWrittenLetter($0) }
            guard let letters = letters(for: scalar, endsComponent: endsComponent, latinOnly: latinOnly) else {
                return nil
            }
            component += letters
            if !letters.isEmpty { lastLetters = letters }
        }
        if !component.isEmpty { components.append(component) }
        return components.isEmpty ? nil : components.joined(separator: "<")
    }

    static func letters(for scalar: Unicode.Scalar, endsComponent: Bool, latinOnly: Bool) -> String? {
        if let latin = LatinTransliteration.letters(for: scalar) { return latin }
        guard !latinOnly else { return nil }
        return CyrillicTransliteration.letters(for: scalar)
            ?? ArabicTransliteration.letters(for: scalar, endsComponent: endsComponent)
    }

    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        separators.contains(scalar) || scalar.properties.isWhitespace
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    /// A letter that puts something in the MRZ: not a sign the Arabic table leaves unwritten (tatweel).
    static func isWrittenLetter(_ scalar: Unicode.Scalar) -> Bool {
        isLetter(scalar) && !ArabicTransliteration.isUnwritten(scalar) && !apostrophes.contains(scalar)
    }
}
