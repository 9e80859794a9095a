import CryptoCore
import Foundation
import HTTPTypes

/// Requests as Google's open-source Exposure Notifications app makes them (its `DiagnosisAttestor`,
/// `DiagnosisKeyUploader` and `Padding`, transcribed): JSON built with Android's `org.json`, which writes `/` as
/// `\/`, padded with random base64 until the body reaches 5,000 bytes, sent as `application/json; charset=utf-8`
/// with the app's `X-API-Key`; the verify request always lists every test type the app handles.
struct ReferenceApp {
    static let headers: HTTPFields = [
        .contentType: "application/json; charset=utf-8", HTTPField.Name("X-API-Key")!: "app.1.enx-test-key",
    ]
    static let acceptedTestTypes = #"["confirmed","likely","negative","user-report"]"#
    static let targetBodyBytes = 5_000

    /// `{"code":…,"accept":[…],"padding":…}`.
    static func verifyBody(code: String) -> String {
        padded(#"{"code":"\#(code)","accept":\#(acceptedTestTypes)"#)
    }

    /// `{"token":…,"ekeyhmac":…,"padding":…}`.
    static func certificateBody(token: String, hmac: String) -> String {
        padded(#"{"token":"\#(token)","ekeyhmac":"\#(escaped(hmac))""#)
    }

    /// The key server's v1 publish body: the keys, the app's health authority id, its HMAC secret, the
    /// certificate and `traveler`; no onset (the certificate carries it).
    static func publishBody(_ phone: TestPhone, certificate: String) -> String {
        let keys = phone.keys.map {
            #"{"key":"\#(escaped(Data($0.data).base64EncodedString()))","rollingStartNumber":\#($0.start),"#
                + #""rollingPeriod":\#($0.period),"transmissionRisk":\#($0.risk)}"#
        }
        return padded(
            #"{"temporaryExposureKeys":[\#(keys.joined(separator: ","))],"healthAuthorityID":"bh.moh","#
                + #""hmacKey":"\#(escaped(Data(phone.secret).base64EncodedString()))","#
                + #""verificationPayload":"\#(certificate)","traveler":false"#)
    }

    /// `org.json` escapes the solidus.
    static func escaped(_ text: String) -> String { text.replacingOccurrences(of: "/", with: "\\/") }

    /// The object closed with a `padding` member of random base64 that brings it to ``targetBodyBytes``.
    private static func padded(_ open: String) -> String {
        var length = 1
        var body = open + "}"
        while body.utf8.count < targetBodyBytes {
            let padding = Data(SecureRandom.bytes(count: length)).base64EncodedString()
            body = open + #","padding":"\#(escaped(padding))"}"#
            length += max(1, (targetBodyBytes - body.utf8.count) / 2)
        }
        return body
    }
}
