internal import CQRencode

/// A QR code symbol (ISO/IEC 18004) of an HC1 string: alphanumeric mode, error correction level Q, as hcert spec §4
/// asks; the module matrix comes from libqrencode.
public struct QRCode: Sendable, Hashable {
    /// Modules per side.
    public let size: Int
    public let version: Int
    /// Row-major, true for a dark module.
    public let modules: [Bool]

    /// Encodes text made only of the QR alphanumeric characters (0-9, A-Z, space, `$%*+-./:`).
    public init(alphanumeric text: String) throws(CertificateError) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw CertificateError(.qrEncodingFailed, "nothing to encode") }
        guard let input = QRinput_new2(0, QR_ECLEVEL_Q) else {
            throw CertificateError(.qrEncodingFailed, "QRinput_new2 failed")
        }
        defer { QRinput_free(input) }
        let appended = bytes.withUnsafeBufferPointer {
            QRinput_append(input, QR_MODE_AN, Int32($0.count), $0.baseAddress)
        }
        guard appended == 0 else {
            throw CertificateError(.qrEncodingFailed, "text is not QR alphanumeric")
        }
        guard let code = QRcode_encodeInput(input) else {
            throw CertificateError(.qrEncodingFailed, "too long for a QR code at level Q")
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        size = width
        version = Int(code.pointee.version)
        let data = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        modules = data.map { $0 & 1 == 1 }
    }

    /// Whether the module at (`x`, `y`) is dark; outside the symbol (the quiet zone) is light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }
}
