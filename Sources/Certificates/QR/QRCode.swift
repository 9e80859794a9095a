internal import CQRencode

/// A QR code symbol (ISO/IEC 18004) of an HC1 string (alphanumeric mode, error correction level Q, as hcert spec §4
/// asks) or of a SMART Health Card; the module matrix comes from libqrencode.
public struct QRCode: Sendable, Hashable {
    /// Modules per side.
    public let size: Int
    public let version: Int
    /// Row-major, true for a dark module.
    public let modules: [Bool]

    /// Encodes text made only of the QR alphanumeric characters (0-9, A-Z, space, `$%*+-./:`).
    public init(alphanumeric text: String) throws(CertificateError) {
        try self.init(segments: [(QR_MODE_AN, Array(text.utf8))], level: QR_ECLEVEL_Q)
    }

    /// Encodes a SMART Health Card's QR text as the framework asks: `shc:/` (and a chunk's `i/n/`) in byte mode,
    /// the digits in numeric mode, error correction level L.
    public init(healthCard text: String) throws(CertificateError) {
        let bytes = Array(text.utf8)
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")), slash + 1 < bytes.count else {
            throw CertificateError(.qrEncodingFailed, "not a shc:/ text")
        }
        try self.init(
            segments: [(QR_MODE_8, Array(bytes[...slash])), (QR_MODE_NUM, Array(bytes[(slash + 1)...]))],
            level: QR_ECLEVEL_L)
    }

    private init(segments: [(QRencodeMode, [UInt8])], level: QRecLevel) throws(CertificateError) {
        guard segments.allSatisfy({ !$0.1.isEmpty }) else {
            throw CertificateError(.qrEncodingFailed, "nothing to encode")
        }
        guard let input = QRinput_new2(0, level) else {
            throw CertificateError(.qrEncodingFailed, "QRinput_new2 failed")
        }
        defer { QRinput_free(input) }
        for (mode, bytes) in segments {
            let appended = bytes.withUnsafeBufferPointer {
                QRinput_append(input, mode, Int32($0.count), $0.baseAddress)
            }
            guard appended == 0 else {
                throw CertificateError(.qrEncodingFailed, "text does not fit its QR mode")
            }
        }
        guard let code = QRcode_encodeInput(input) else {
            throw CertificateError(.qrEncodingFailed, "too long for one QR code")
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
