/// What a DCC revocation hash is taken over (the DCC gateway's revocation `hashType`). Each hash is SHA-256, of
/// which a batch keeps the first 128 bits.
public enum RevocationHashType: String, Sendable, Hashable, CaseIterable {
    /// The UVCI (`ci`) as UTF-8.
    case uci = "UCI"
    /// The issuing country (the CWT `iss` claim, as written) directly followed by the UVCI, as UTF-8.
    case countryCodeUCI = "COUNTRYCODEUCI"
    /// The COSE_Sign1 signature bytes: for ES256 only the first half, r of the raw r||s; for PS256 all of them.
    case signature = "SIGNATURE"
}
