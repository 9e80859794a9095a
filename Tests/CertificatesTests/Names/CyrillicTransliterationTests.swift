import Testing

@testable import Certificates

/// Cyrillic names against ICAO Doc 9303 Part 3 (8th edition, 2021), §6 B, general column (the language-specific
/// exceptions are not applied: the register does not say which language a name is in).
@Suite struct CyrillicTransliterationTests {
    @Test func russianNamesUseTheTable() {
        let names = [
            ("Иван Петров", "IVAN<PETROV"), ("Юлия Щеглова", "IULIIA<SHCHEGLOVA"),
            ("Фёдор Достоевский", "FEDOR<DOSTOEVSKII"),
            ("Игорь", "IGOR"), ("Объедков", "OBIEEDKOV"), ("Хрущёв", "KHRUSHCHEV"), ("Цветаева", "TSVETAEVA"),
            ("Жуков", "ZHUKOV"), ("Эльвира", "ELVIRA"), ("Мария-Анна", "MARIIA<ANNA"), ("Рыбаков", "RYBAKOV"),
        ]
        for (name, expected) in names {
            #expect(ICAOName.transliterated(name) == expected, "\(name)")
        }
    }

    /// The letters of the other Cyrillic alphabets that the table lists.
    @Test func otherCyrillicLettersUseTheTable() {
        let names = [
            ("Євгенія", "IEVGENIIA"), ("Ґалаґан", "GALAGAN"), ("Їжакевич", "IZHAKEVICH"), ("Ірина", "IRINA"),
            ("Ўладзімір", "ULADZIMIR"), ("Његош", "NJEGOSH"), ("Љубица", "LJUBITSA"), ("Јелена", "JELENA"),
            ("Ѕвезда", "DZVEZDA"), ("Џамонја", "DZAMONJA"), ("Ќирил", "KIRIL"), ("Ђорђе", "DORDE"),
            ("Ћосић", "COSIC"), ("Петровић", "PETROVIC"), ("Ѓорѓи", "GORGI"), ("Ђоковић", "DOKOVIC"),
        ]
        for (name, expected) in names {
            #expect(ICAOName.transliterated(name) == expected, "\(name)")
        }
    }

    /// Ӂ (U+04C1, Moldovan) is not in the table, so a name holding it needs its Latin form.
    @Test func lettersOutsideTheTableAreNotGuessed() {
        #expect(ICAOName.transliterated("Ӂоржеску") == nil)
    }
}
