/// The code systems cards use and how their codes meet the DCC value sets: CVX for vaccines, LOINC for tests,
/// SNOMED CT for results. Both directions: issuing writes a card from a DCC payload, verifying maps a card onto
/// the DCC fields entry rules read.
enum HealthCardCodes {
    static let cvxSystem = "http://hl7.org/fhir/sid/cvx"
    static let loincSystem = "http://loinc.org"
    static let snomedSystem = "http://snomed.info/sct"

    /// The CVX code written for each vaccine medicinal product (`mp`) we issue.
    static let cvxByProduct: [String: String] = [
        "EU/1/20/1528": "208", "EU/1/20/1507": "207", "EU/1/21/1529": "210", "EU/1/20/1525": "212",
        "EU/1/21/1618": "211", "BBIBP-CorV": "510", "Sputnik-V": "505", "Sputnik-Light": "504", "CoronaVac": "511",
        "Covaxin": "502", "Covishield": "210", "Convidecia": "506", "Hayat-Vax": "510",
    ]

    /// The `mp` a CVX code of a foreign card is read as; CVX 210 is read as Vaxzevria, of which Covishield is a
    /// licensed production.
    static let productByCVX: [String: String] = [
        "207": "EU/1/20/1507", "221": "EU/1/20/1507", "229": "EU/1/20/1507",
        "208": "EU/1/20/1528", "217": "EU/1/20/1528", "218": "EU/1/20/1528", "219": "EU/1/20/1528",
        "300": "EU/1/20/1528", "210": "EU/1/21/1529", "211": "EU/1/21/1618", "212": "EU/1/20/1525",
        "502": "Covaxin", "504": "Sputnik-Light", "505": "Sputnik-V", "506": "Convidecia", "510": "BBIBP-CorV",
        "511": "CoronaVac",
    ]

    /// CVX codes of COVID-19 vaccines (CDC's COVID-19 codes): those of a product above, the unspecified ones (213,
    /// 500) and the others. A card's other immunizations (influenza, …) are no doses of the course.
    static let covidCVX: Set<String> = Set(productByCVX.keys).union([
        "213", "225", "226", "227", "228", "230", "301", "302", "500", "501", "503", "507", "508", "509", "512",
    ])

    /// Products whose primary course is one dose; every other product's is two.
    static let singleDoseProducts: Set<String> = ["EU/1/20/1525", "Convidecia", "Sputnik-Light"]

    /// LOINC codes of SARS-CoV-2 nucleic acid tests (DCC `tt` LP6464-4) and of antigen tests (LP217198-3).
    static let nucleicAcidTests: Set<String> = [
        "94500-6", "94309-2", "94306-8", "94531-1", "94533-7", "94534-5", "94756-4", "94757-2", "94759-8", "94845-5",
        "95406-5", "95425-5",
    ]
    static let antigenTests: Set<String> = ["94558-4", "95209-3", "96119-3", "97097-0"]
    /// Every SARS-CoV-2 test a card's result is read from.
    static let covidTests = nucleicAcidTests.union(antigenTests)
    /// The Observation statuses of a completed result (the testing profile's value set).
    static let completedObservationStatuses: Set<String> = ["final", "amended", "corrected"]

    /// The LOINC code written for each DCC test type we issue.
    static let loincByTestType: [String: String] = ["LP6464-4": "94500-6", "LP217198-3": "94558-4"]

    /// SNOMED CT results as cards write them, and the DCC `tr` codes.
    static let negative = "260385009"
    static let positive = "10828004"
    static let notDetected = "260415000"
    static let detected = "260373001"
    /// DCC `tg`: COVID-19.
    static let covid19 = "840539006"

    /// The DCC test type of a LOINC code: `LOINC-<code>` for one neither list holds, which no rule accepts.
    static func testType(loinc: String) -> String {
        if nucleicAcidTests.contains(loinc) { return "LP6464-4" }
        if antigenTests.contains(loinc) { return "LP217198-3" }
        return "LOINC-\(loinc)"
    }

    /// The DCC `tr` of a SNOMED CT result code, nil for one that is neither negative nor positive.
    static func testResult(snomed: String) -> String? {
        switch snomed {
        case negative, notDetected: notDetected
        case positive, detected: detected
        default: nil
        }
    }
}
