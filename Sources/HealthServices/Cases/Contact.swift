/// Someone a case met from two days before the onset, named by the case or found by an operator's interview. A
/// contact who is a registered person gets a quarantine order; one who is not waits for an operator to reach them.
public struct Contact: Sendable, Hashable, Encodable {
    public let id: String
    public let caseId: String
    public let name: String?
    public let phone: String?
    /// The CPR number given, as digits; whether it is a registered person's is `personId`.
    public let nationalId: String?
    /// The registered person, when the national id is one.
    public let personId: String?
    public let lastContact: CalendarDate
    /// Where they met (home, work, …): for operators only, never in a message.
    public let setting: String?
    /// The quarantine order the contact was given, if any (the order continuing it, once one put back later does).
    public let orderId: String?
    public let addedBy: String
    public let createdAt: Timestamp

    package init(
        id: String, caseId: String, name: String?, phone: String?, nationalId: String?, personId: String?,
        lastContact: CalendarDate, setting: String?, orderId: String?, addedBy: String, createdAt: Timestamp
    ) {
        self.id = id
        self.caseId = caseId
        self.name = name
        self.phone = phone
        self.nationalId = nationalId
        self.personId = personId
        self.lastContact = lastContact
        self.setting = setting
        self.orderId = orderId
        self.addedBy = addedBy
        self.createdAt = createdAt
    }
}

/// One day's check-in under an order: symptoms (codes of ``CheckIn/symptomCodes``) and, optionally, a temperature.
public struct CheckIn: Sendable, Hashable {
    public let orderId: String
    public let day: CalendarDate
    public let symptoms: [String]
    /// Degrees Celsius.
    public let temperature: Double?
    public let createdAt: Timestamp

    package init(orderId: String, day: CalendarDate, symptoms: [String], temperature: Double?, createdAt: Timestamp) {
        self.orderId = orderId
        self.day = day
        self.symptoms = symptoms
        self.temperature = temperature
        self.createdAt = createdAt
    }

    /// The symptoms a check-in may report.
    public static let symptomCodes: Set<String> = [
        "fever", "cough", "sore-throat", "shortness-of-breath", "loss-of-taste-or-smell", "fatigue", "headache",
        "muscle-aches", "runny-nose", "diarrhoea",
    ]

    /// The temperature at which a check-in counts as fever, °C.
    public static let feverTemperature = 38.0

    /// Whether it reports fever, by symptom or temperature.
    public var reportsFever: Bool {
        symptoms.contains("fever") || (temperature ?? 0) >= Self.feverTemperature
    }
}
