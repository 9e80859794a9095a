import Certificates

extension CertificationTransaction {
    /// Stores the certificate `issue` builds; when the holder's name needs a Latin form first, the result its
    /// device, or the certificate a document signer, stores a waiting certificate of `type` for the record instead
    /// (``WaitingCertificate``). Nil when `issue` gives none.
    func certify(
        _ type: CertificateType, for holder: Person, vaccinationID: String?, resultID: String?, at now: Timestamp,
        issue: () async throws -> IssuedCertificate?
    ) async throws -> CertificateOutcome? {
        do {
            guard let certificate = try await issue() else { return nil }
            try await insert(certificate)
            return .issued(certificate)
        } catch let error as ServiceError where WaitingCertificate.reasons.contains(error.code.rawValue) {
            let waiting = WaitingCertificate(
                personId: holder.id, type: type, vaccinationId: vaccinationID, resultId: resultID,
                reason: error.code.rawValue, createdAt: now)
            try await insert(waiting)
            return .waiting(waiting)
        }
    }
}

extension CertificationTransaction {
    /// Every certificate issued from `result`, revoked or not.
    func certificates(ofResult result: LabResult) async throws -> [IssuedCertificate] {
        try await certificates(ofPeople: [result.personId]).filter { $0.resultId == result.id }
    }

    /// Every certificate issued from `vaccination`, revoked or not.
    func certificates(ofVaccination vaccination: Vaccination) async throws -> [IssuedCertificate] {
        try await certificates(ofPeople: [vaccination.personId]).filter { $0.vaccinationId == vaccination.id }
    }
}

extension ServiceError.Code {
    public static let nameNeedsLatinForm = Self(WaitingCertificate.needsLatinName, .unprocessable)
    public static let deviceNeeded = Self(WaitingCertificate.needsDevice, .unprocessable)
}
