import Foundation
import Testing

@testable import Certificates

/// QR codes of HC1 strings, decoded back with zbarimg (Debian zbar-tools).
@Suite struct QRCodeTests {
    @Test func issuedCertificateDecodesBackFromItsQRCode() async throws {
        let hc1 = try IssuerFixture().issue()
        let code = try QRCode(alphanumeric: hc1)
        #expect(code.size == 17 + 4 * code.version)
        #expect(try await Zbarimg.decode(Data(code.pbm()), fileExtension: "pbm") == hc1)
    }

    @Test func conformanceStringDecodesBack() async throws {
        let testCase = try TestDataLocation.dccCase("common/2DCode/raw/CO20.json")
        let prefix = try #require(testCase["PREFIX"] as? String)
        #expect(
            try await Zbarimg.decode(Data(QRCode(alphanumeric: prefix).pbm(scale: 3)), fileExtension: "pbm") == prefix)
    }

    @Test func renderingsHaveQuietZoneAndModules() throws {
        let code = try QRCode(alphanumeric: "HC1:TEST")
        let svg = code.svg()
        #expect(svg.hasPrefix("<?xml") && svg.contains("viewBox=\"0 0 \(code.size + 8) \(code.size + 8)\""))
        #expect(svg.contains("M4 4h7v1h-7z"))
        let lines = code.text().split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == (code.size + 8 + 1) / 2)
        #expect(lines.allSatisfy { $0.count == code.size + 8 })
        #expect(lines[2].contains("\u{2588}"))
    }

    @Test func nonAlphanumericTextIsRejected() {
        #expect(throws: CertificateError(.qrEncodingFailed, "")) { try QRCode(alphanumeric: "hc1:lower") }
        #expect(throws: CertificateError(.qrEncodingFailed, "")) { try QRCode(alphanumeric: "") }
        #expect(throws: CertificateError(.qrEncodingFailed, "")) {
            try QRCode(alphanumeric: String(repeating: "A", count: 5000))
        }
    }
}
