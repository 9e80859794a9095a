/// What a record gave: a certificate, or one waiting (``WaitingCertificate``).
public enum CertificateOutcome: Sendable, Hashable {
    case issued(IssuedCertificate)
    case waiting(WaitingCertificate)

    public var issued: IssuedCertificate? {
        if case .issued(let certificate) = self { return certificate }
        return nil
    }

    public var waiting: WaitingCertificate? {
        if case .waiting(let waiting) = self { return waiting }
        return nil
    }
}
