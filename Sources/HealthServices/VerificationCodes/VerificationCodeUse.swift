import CryptoCore

/// One use of a verification code: the diagnosis it vouches for, and the retry tag that ties the token stored for
/// it to the use, so that the phone's retry can void exactly that token.
///
/// A phone cut off between the server using its code and answering has no token and a used code. Until
/// ``retryUntil`` (``retryWindowSeconds`` after the code's first use), the same code is used again: it gets a new
/// token, and the token of the earlier use (stored with the same tag) is deleted. The tag is random and says
/// nothing by itself; the health database keeps it with the code and the key server's database with the token,
/// each only for the window (the retention job erases both, the key server's a few minutes later), so a reader of
/// both databases can link a token to a code only during it.
///
/// Times: both databases store the use, the token's expiry and use, and the certificate's expiry only to the hour,
/// so nothing joins a token to a code more precisely than the hour. The one exact time, ``retryUntil``, is needed
/// to close the window on time; it is stored beside the retry tag on both sides and erased with it, so it lasts
/// only while the tag already links the two rows, and adds nothing a reader could not join by the tag.
public struct VerificationCodeUse: Sendable {
    public let diagnosis: VerifiedDiagnosis
    public let retryTag: [UInt8]
    /// When the retry window of the code's first use closes.
    public let retryUntil: Timestamp
    /// Whether the code had been used already, within the window, and this is the phone's retry.
    public let isRetry: Bool

    /// How long after its first use a code may be used again, and how long the tags are kept.
    public static let retryWindowSeconds: Int64 = 15 * 60

    /// 128 random bits: no two uses share a tag.
    static let retryTagByteCount = 16

    /// A tag for a first use.
    static func newRetryTag() -> [UInt8] {
        SecureRandom.bytes(count: retryTagByteCount)
    }
}
