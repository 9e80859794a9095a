import ArgumentParser
import Certificates

/// `healthctl cert transliterate`: the ICAO 9303 standardised form of a name, as certificates write it.
struct CertTransliterateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transliterate",
        abstract: "Print a name as certificates standardise it (ICAO 9303 Part 3: fnt/gnt).",
        discussion: "Exits 1 when no ICAO table covers the name: the person then needs a Latin form (people update)."
    )

    @Argument(help: "The name, in any script.")
    var name: String

    @Flag(name: .long, help: "Treat the name as a Latin form from a passport: refuse any other script.")
    var latin = false

    func run() throws {
        let standardised = latin ? ICAOName.normalisedLatin(name) : ICAOName.transliterated(name)
        guard let standardised else {
            throw CertCommand.fail(
                CertificateError(.nameNeedsLatinForm, "no ICAO 9303 table covers this name; record its Latin form"))
        }
        print(standardised)
    }
}
