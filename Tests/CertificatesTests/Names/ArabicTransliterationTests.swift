import Testing

@testable import Certificates

/// Arabic names against ICAO Doc 9303 Part 3 (8th edition, 2021), §6 C: the `X` digraphs, teh marbuta (note 2),
/// shadda (note 3, with its examples عبّاس → EBBAS and فضّة → FXDZDZXAH), and the unencoded vowel signs.
@Suite struct ArabicTransliterationTests {
    @Test func lettersWithoutLatinCounterpartsUseXDigraphs() {
        let names = [
            ("محمد", "MXHMD"), ("خالد", "XKHALD"), ("ثامر", "XTHAMR"), ("ذياب", "XDHYAB"), ("شيماء", "XSHYMAXE"),
            ("صالح", "XSSALXH"), ("ضياء", "XDZYAXE"), ("طارق", "XTTARQ"), ("ظافر", "XZZAFR"), ("عمر", "EMR"),
            ("غازي", "GAZY"), ("أحمد", "XAEXHMD"), ("آمنة", "XAAMNXAH"), ("إبراهيم", "IBRAHYM"), ("مؤمن", "MUMN"),
            ("هانئ", "HANXI"), ("مصطف\u{0649}", "MXSSXTTFXAY"), ("\u{067E}رو\u{064A}ن", "PRWYN"),
            ("\u{0698}اله", "XJALH"),
            ("\u{06AF}ل\u{064A}", "XGGLY"), ("\u{06A9}اوه", "XKKAWH"), ("\u{0686}من", "XCMN"),
            ("\u{0671}لله", "XXALLH"), ("\u{06CC}اسمن", "XYAASMN"),
        ]
        for (name, expected) in names {
            #expect(ICAOName.transliterated(name) == expected, "\(name)")
        }
    }

    /// Teh marbuta is XTA inside a name component and XAH at its end.
    @Test func tehMarbutaDependsOnItsPlace() {
        #expect(ICAOName.transliterated("فاطمة") == "FAXTTMXAH")
        #expect(ICAOName.transliterated("فاطمة الزهراء") == "FAXTTMXAH<ALZHRAXE")
        #expect(ICAOName.transliterated("ةب") == "XTAB")
        #expect(ICAOName.transliterated("فاطمةُ") == "FAXTTMXAH")
    }

    /// Shadda writes the letter before it again, without a digraph's X.
    @Test func shaddaDoublesTheLetter() {
        #expect(ICAOName.transliterated("عبّاس") == "EBBAS")
        #expect(ICAOName.transliterated("فضّة") == "FXDZDZXAH")
        #expect(ICAOName.transliterated("محمّد") == "MXHMMD")
        #expect(ICAOName.transliterated("بشّار") == "BXSHSHAR")
    }

    /// The definite article has no rule of its own: ال is written AL, joined to its word; آل (the family) is XAAL.
    @Test func definiteArticleIsWrittenLetterByLetter() {
        #expect(ICAOName.transliterated("الخليفة") == "ALXKHLYFXAH")
        #expect(ICAOName.transliterated("عبد الله") == "EBD<ALLH")
        #expect(ICAOName.transliterated("خالد الشامي") == "XKHALD<ALXSHAMY")
        #expect(ICAOName.transliterated("آل خليفة") == "XAAL<XKHLYFXAH")
    }

    /// Vowel signs, tatweel and superscript alef are not encoded.
    @Test func vowelSignsAndTatweelAreNotEncoded() {
        #expect(ICAOName.transliterated("مُحَمَّد") == "MXHMMD")
        #expect(ICAOName.transliterated("عـلـي") == "ELY")
        #expect(ICAOName.transliterated("رحمٰن") == "RXHMN")
    }
}
