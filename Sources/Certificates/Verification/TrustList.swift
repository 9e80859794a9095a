import CryptoCore
import Foundation

/// The document signers a verifier trusts, indexed by kid; several signers may share one kid.
public struct TrustList: Sendable {
    public private(set) var signers: [TrustedSigner]
    private var signersByKeyID: [KeyID: [TrustedSigner]]

    /// A kid as a dictionary key, hashed as one run of bytes rather than byte by byte.
    private struct KeyID: Hashable {
        let bytes: [UInt8]

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    public init(signers: [TrustedSigner] = []) {
        self.signers = []
        self.signersByKeyID = [:]
        for signer in signers { add(signer) }
    }

    public mutating func add(_ signer: TrustedSigner) {
        signers.append(signer)
        signersByKeyID[KeyID(bytes: signer.keyID), default: []].append(signer)
    }

    public mutating func add(contentsOf other: TrustList) {
        for signer in other.signers { add(signer) }
    }

    /// Every signer whose kid is `keyID`, in the order they were added.
    public func signers(for keyID: [UInt8]) -> [TrustedSigner] {
        signersByKeyID[KeyID(bytes: keyID)] ?? []
    }

    public var isEmpty: Bool { signers.isEmpty }
}

/// One entry of the DCC gateway's trust list download (`/trustList/DSC`).
public struct TrustListEntry: Codable, Sendable, Hashable {
    public var kid: String
    public var country: String
    public var certificateType: String
    /// The DSC, base64 DER.
    public var rawData: String

    public init(kid: String, country: String, certificateType: String, rawData: String) {
        self.kid = kid
        self.country = country
        self.certificateType = certificateType
        self.rawData = rawData
    }
}
