import Foundation
import TestSupport

/// Reads QR code images back with `zbarimg` (Debian zbar-tools), as a scanner at the border would.
///
/// Only QR codes are looked for: with every symbology on, zbar now and then also reads a linear barcode (EAN-13,
/// DataBar) out of a large symbol's modules and prints it on a second line.
enum Zbarimg {
    /// The text of the QR code in `image` (a file of type `fileExtension`: `png`, `pbm`); empty when none is found.
    static func decode(_ image: Data, fileExtension: String) async throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "qr-\(UUID().uuidString).\(fileExtension)")
        try image.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try await ChildProcess("zbarimg", ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", file.path]).run().text
            .trimmingCharacters(in: .newlines)
    }
}
