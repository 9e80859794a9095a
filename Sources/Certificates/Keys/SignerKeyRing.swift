public import CryptoCore
public import Foundation

/// Every document signer of this issuer, in the order they were created. The newest one whose validity has begun
/// signs; the others stay published while a certificate they signed can still be valid. Issuing caps each
/// certificate at its signer's expiry, so a superseded DSC is published until it expires, then retired.
public struct SignerKeyRing: Sendable {
    /// One DSC with its private key; `number` orders them (1 is the one `keys init` created).
    public struct Signer: Sendable {
        public let number: Int
        public let certificate: X509Certificate
        /// Signs with the DSC's key; nil only for a withdrawn DSC whose leaked key was destroyed, as the runbook asks.
        public let issuer: CertificateIssuer?
        /// When an operator withdrew it (its key leaked): from then on it neither signs nor is published.
        public let withdrawnAt: Date?
        /// The kid verifiers look the DSC up by.
        public let keyIDBytes: [UInt8]

        public init(number: Int, issuer: CertificateIssuer, withdrawnAt: Date? = nil) {
            self.number = number
            self.certificate = issuer.documentSigner
            self.issuer = issuer
            self.withdrawnAt = withdrawnAt
            self.keyIDBytes = issuer.keyID
        }

        /// A withdrawn DSC known by its certificate alone: it still keeps our border from trusting its kid, and
        /// ``SignerKeyRing/completeTrustList`` still reads back what it signed.
        public init(number: Int, withdrawnCertificate certificate: X509Certificate, withdrawnAt: Date) {
            self.number = number
            self.certificate = certificate
            self.issuer = nil
            self.withdrawnAt = withdrawnAt
            self.keyIDBytes = TrustedSigner.keyID(for: certificate)
        }

        /// Whether it was withdrawn by `date`.
        public func isWithdrawn(at date: Date) -> Bool {
            withdrawnAt.map { $0 <= date } ?? false
        }

        /// The kid verifiers look the DSC up by, base64 as in trust lists.
        public var keyID: String { Data(keyIDBytes).base64EncodedString() }
        /// The country it signs for: the CWT `iss` claim.
        public var country: String { certificate.subjectCountry ?? "XX" }

        /// Whether it can sign at `date`: valid then and not withdrawn.
        public func canSign(at date: Date) -> Bool {
            certificate.notValidBefore <= date && certificate.notValidAfter > date && !isWithdrawn(at: date)
        }
    }

    /// Where a signer stands at some time.
    public enum State: Equatable, Sendable {
        /// Created to sign from a later time; already published, so verifiers have it before it signs.
        case pending(from: Date)
        /// Signs what is issued now.
        case active
        /// Superseded; published until it expires, since certificates it signed may be valid until then.
        case retiring(until: Date)
        /// Expired and no longer published.
        case retired
        /// The newest signer, but expired: nothing can be signed until a rotation.
        case expired
        /// Withdrawn by an operator: neither signs nor is published; what it signed fails as an unknown kid.
        case withdrawn

        /// `active`, `pending`, `retiring`, `retired`, `expired` or `withdrawn`.
        public var name: String {
            switch self {
            case .pending: "pending"
            case .active: "active"
            case .retiring: "retiring"
            case .retired: "retired"
            case .expired: "expired"
            case .withdrawn: "withdrawn"
            }
        }

        /// The date the state ends: when a pending signer starts, or a retiring one leaves the list.
        public var until: Date? {
            switch self {
            case .pending(let from): from
            case .retiring(let until): until
            case .active, .retired, .expired, .withdrawn: nil
            }
        }
    }

    /// Ascending by number; never empty.
    public let signers: [Signer]
    /// Every signer ever, retired and withdrawn ones included: what our own stored certificates are read back with.
    public let completeTrustList: TrustList

    public init(signers: [Signer]) {
        precondition(!signers.isEmpty, "a key ring holds at least one signer")
        self.signers = signers.sorted { $0.number < $1.number }
        completeTrustList = TrustList(signers: self.signers.map { TrustedSigner(certificate: $0.certificate) })
    }

    /// The signer of certificates issued at `date`: the newest not withdrawn whose validity has begun (else the
    /// first; issuing then fails on its dates or its withdrawal).
    public func signer(at date: Date) -> Signer {
        signers.last { $0.certificate.notValidBefore <= date && !$0.isWithdrawn(at: date) } ?? signers[0]
    }

    /// Where each signer stands at `date`, in ring order.
    public func states(at date: Date) -> [(signer: Signer, state: State)] {
        let current = signer(at: date).number
        return signers.map { signer in
            let certificate = signer.certificate
            let expired = certificate.notValidAfter <= date
            let state: State =
                if signer.isWithdrawn(at: date) {
                    .withdrawn
                } else if signer.number == current {
                    expired ? .expired : .active
                } else if certificate.notValidBefore > date {
                    .pending(from: certificate.notValidBefore)
                } else {
                    expired ? .retired : .retiring(until: certificate.notValidAfter)
                }
            return (signer, state)
        }
    }

    /// The signers other countries are given at `date` (`trust export`, for the gateway): every one neither expired
    /// nor withdrawn, pending ones included. Our own border check knows more (``checkedSigners(at:)``).
    public func publishedSigners(at date: Date) -> [TrustedSigner] {
        zip(signers, completeTrustList.signers).filter { signer, _ in
            signer.certificate.notValidAfter > date && !signer.isWithdrawn(at: date)
        }.map(\.1)
    }

    /// The signers a border check knows at `date`: the published ones and the expired ones, whose certificates
    /// expired with them and are answered `expired`, as an imported list's expired DSCs are, rather than as signed
    /// by an unknown signer; never a withdrawn one.
    public func checkedSigners(at date: Date) -> [TrustedSigner] {
        zip(signers, completeTrustList.signers).filter { signer, _ in !signer.isWithdrawn(at: date) }.map(\.1)
    }

    /// ``publishedSigners(at:)`` as a trust list.
    public func publishedTrustList(at date: Date) -> TrustList {
        TrustList(signers: publishedSigners(at: date))
    }

    /// The signer whose kid (base64) is `keyID`.
    public func signer(keyID: String) -> Signer? {
        signers.first { $0.keyID == keyID }
    }
}
