/// The contents of one export.bin: a batch of diagnosis keys for a region and time window (the key export
/// file format's `TemporaryExposureKeyExport`).
public struct KeyExport: Hashable, Sendable {
    /// Arrival window of the keys at the server, UTC seconds.
    public var startTimestamp: UInt64
    public var endTimestamp: UInt64
    /// Region the keys come from, such as a country code.
    public var region: String
    /// Ordinal of this file in its batch, 1-based, and the number of files in the batch.
    public var batchNumber: Int
    public var batchSize: Int
    /// The keys the signatures in export.sig are made with, most recent first.
    public var signatureInfos: [SignatureInfo]
    /// Keys on their first release.
    public var keys: [DiagnosisKey]
    /// Keys whose status changed (for example revoked).
    public var revisedKeys: [DiagnosisKey]

    public init(
        startTimestamp: UInt64, endTimestamp: UInt64, region: String, batchNumber: Int = 1, batchSize: Int = 1,
        signatureInfos: [SignatureInfo] = [], keys: [DiagnosisKey], revisedKeys: [DiagnosisKey] = []
    ) {
        self.startTimestamp = startTimestamp
        self.endTimestamp = endTimestamp
        self.region = region
        self.batchNumber = batchNumber
        self.batchSize = batchSize
        self.signatureInfos = signatureInfos
        self.keys = keys
        self.revisedKeys = revisedKeys
    }
}

/// Which key signed an export (`SignatureInfo`).
public struct SignatureInfo: Hashable, Sendable {
    /// ECDSA P-256 with SHA-256.
    public static let ecdsaP256SHA256 = "1.2.840.10045.4.3.2"

    /// Key version for rollovers, such as "v1".
    public var verificationKeyVersion: String
    /// Alias of the public key, such as a mobile country code.
    public var verificationKeyID: String
    /// ASN.1 OID of the signature algorithm.
    public var signatureAlgorithm: String

    public init(
        verificationKeyVersion: String, verificationKeyID: String,
        signatureAlgorithm: String = SignatureInfo.ecdsaP256SHA256
    ) {
        self.verificationKeyVersion = verificationKeyVersion
        self.verificationKeyID = verificationKeyID
        self.signatureAlgorithm = signatureAlgorithm
    }
}

/// One entry of export.sig (`TEKSignature`): a DER ECDSA signature over the whole export.bin.
public struct ExportSignature: Hashable, Sendable {
    public var info: SignatureInfo
    public var batchNumber: Int
    public var batchSize: Int
    /// X9.62 DER `SEQUENCE { r, s }`.
    public var signature: [UInt8]

    public init(info: SignatureInfo, batchNumber: Int, batchSize: Int, signature: [UInt8]) {
        self.info = info
        self.batchNumber = batchNumber
        self.batchSize = batchSize
        self.signature = signature
    }
}
