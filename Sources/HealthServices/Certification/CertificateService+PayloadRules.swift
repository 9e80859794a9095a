public import Certificates

/// What the records path gives every certificate by construction, checked on a payload an operator brings: real
/// dates in the past and a recovery period that runs forwards and has not ended; and how long its entry allows it to
/// be valid (a recovery to the end of `du`). A test certificate's validity is left to the operator, as other
/// countries' are to theirs: entry rules judge the sample's age.
extension CertificateService {
    /// The latest expiry the payload's entry allows; throws `invalid-payload` naming the field that breaks a rule.
    static func payloadExpiryLimit(_ certificate: HealthCertificate, at now: Timestamp) throws(CertificateError)
        -> Timestamp?
    {
        guard let type = certificate.type, case .array(let entries) = certificate.json[type.rawValue],
            let entry = entries.first
        else { return nil }
        switch type {
        case .vaccination:
            _ = try pastDate(entry, "dt", of: type, now: now)
            return nil
        case .test:
            guard let text = entry["sc"]?.stringValue, let sampled = Timestamp(iso8601: text), sampled <= now else {
                throw CertificateError(.invalidPayload, "t[0].sc must be a date-time with a zone, not in the future")
            }
            return nil
        case .recovery:
            let firstPositive = try pastDate(entry, "fr", of: type, now: now)
            let (from, until) = (try date(entry, "df", of: type), try date(entry, "du", of: type))
            guard firstPositive <= from, from <= until else {
                throw CertificateError(.invalidPayload, "r[0] must have fr ≤ df ≤ du")
            }
            return Timestamp(startOfCivilDay: CalendarDate(daysSinceEpoch: until.daysSinceEpoch + 1))
        }
    }

    private static func date(_ entry: JSONValue, _ field: String, of type: CertificateType) throws(CertificateError)
        -> CalendarDate
    {
        guard let text = entry[field]?.stringValue, let date = CalendarDate(iso8601: text) else {
            throw CertificateError(.invalidPayload, "\(type.rawValue)[0].\(field) must be a date YYYY-MM-DD")
        }
        return date
    }

    private static func pastDate(_ entry: JSONValue, _ field: String, of type: CertificateType, now: Timestamp)
        throws(CertificateError) -> CalendarDate
    {
        let date = try date(entry, field, of: type)
        guard date <= now.civilDate else {
            throw CertificateError(.invalidPayload, "\(type.rawValue)[0].\(field) is in the future")
        }
        return date
    }
}
