import Testing

@testable import Certificates

/// Latin names against ICAO Doc 9303 Part 3 (8th edition, 2021): the punctuation rules and examples of §4.6 and
/// the multinational Latin table of §6 A.
@Suite struct LatinTransliterationTests {
    /// §4.6: apostrophes join, hyphens and commas separate (examples D'ARTAGNAN, MARIE-ELISE, ANNA, MARIA).
    @Test func punctuationFollowsTheNameConvention() {
        #expect(ICAOName.transliterated("D'Artagnan") == "DARTAGNAN")
        #expect(ICAOName.transliterated("Marie-Elise") == "MARIE<ELISE")
        #expect(ICAOName.transliterated("Anna, Maria") == "ANNA<MARIA")
        #expect(ICAOName.transliterated("  Jean   Paul  ") == "JEAN<PAUL")
        #expect(ICAOName.transliterated("Louis XIV 2nd") == "LOUIS<XIV<ND")
        #expect(ICAOName.transliterated("O’Brien") == "OBRIEN")
    }

    /// §6 A: every letter whose form is not its base letter, and accented letters by their base letter.
    @Test func multinationalLettersUseTheTable() {
        let names = [
            ("Müller", "MUELLER"), ("Ørsted Åström", "OERSTED<AASTROEM"), ("Æsa", "AESA"), ("Þórunn", "THORUNN"),
            ("Eðvarð", "EDVARD"), ("Đorđe", "DORDE"), ("Ħaġar", "HAGAR"), ("Ĳsbrand", "IJSBRAND"),
            ("Ŀluís", "LLUIS"), ("Łukasz Żółć", "LUKASZ<ZOLC"), ("Ŋora", "NORA"), ("Œuvray", "OEUVRAY"),
            ("Ŧorre", "TORRE"), ("Straße", "STRASSE"), ("ẞTRASSE", "SSTRASSE"), ("Yıldız", "YILDIZ"),
            ("Thérèse Cañon", "THERESE<CANON"), ("d'Červenková Panklová", "DCERVENKOVA<PANKLOVA"),
            ("Jiřina-Maria Alena", "JIRINA<MARIA<ALENA"), ("Ñúñez  García", "NUNEZ<GARCIA"),
        ]
        for (name, expected) in names {
            #expect(ICAOName.transliterated(name) == expected, "\(name)")
        }
    }

    /// Letters outside table A (Vietnamese horns and stacked accents) are written as their base letter, composed or
    /// decomposed alike.
    @Test func otherLatinLettersKeepTheirBaseLetter() {
        #expect(ICAOName.transliterated("Nguyễn Văn An") == "NGUYEN<VAN<AN")
        #expect(ICAOName.transliterated("Trương Thị Ơn") == "TRUONG<THI<ON")
        #expect(ICAOName.transliterated("Jose\u{0301}") == "JOSE")
    }

    /// Latin forms from a passport are normalised the same way; anything not in Latin letters is refused.
    @Test func latinFormsAreNormalisedAndOtherScriptsRefused() {
        #expect(ICAOName.normalisedLatin("Al Khalifa") == "AL<KHALIFA")
        #expect(ICAOName.normalisedLatin("al-khalifa") == "AL<KHALIFA")
        #expect(ICAOName.normalisedLatin("Papadópoulos") == "PAPADOPOULOS")
        #expect(ICAOName.normalisedLatin("Иван") == nil)
        #expect(ICAOName.normalisedLatin("محمد") == nil)
        #expect(ICAOName.normalisedLatin("Wang 王") == nil)
        #expect(ICAOName.normalisedLatin(" - ' ") == nil)
    }

    /// No table covers Greek or Chinese: the name has no standardised form rather than one with letters missing.
    @Test func uncoveredScriptsHaveNoStandardisedForm() {
        #expect(ICAOName.transliterated("Γιώργος") == nil)
        #expect(ICAOName.transliterated("Παπαδόπουλος") == nil)
        #expect(ICAOName.transliterated("王秀英") == nil)
        #expect(ICAOName.transliterated("Anna 王") == nil)
        #expect(ICAOName.transliterated("") == nil)
    }
}
