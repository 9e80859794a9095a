import Foundation

/// Finds the escape `\u0000` in the strings of JSON text.
///
/// A JSON string may hold U+0000 (RFC 8259 §7), but no identifier, code or name of ours does, and PostgreSQL's text
/// cannot store it: the same id would be not found on SQLite and a storage failure on PostgreSQL. Bodies holding
/// it are refused at the edge instead, the same on both.
enum JSONNULEscape {
    private static let digits = Array("u0000".utf8)

    /// Whether `text`, already known to be JSON, holds U+0000 in a string. Outside strings JSON has no backslash,
    /// and inside one each backslash starts an escape of the byte after it (`\\u0000` is a backslash, then "u0000").
    static func isIn(_ text: Data) -> Bool {
        text.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return false }
            var offset = 0
            while offset < bytes.count,
                let found = memchr(base + offset, Int32(UInt8(ascii: "\\")), bytes.count - offset)
            {
                let escape = base.distance(to: UnsafeRawPointer(found)) + 1
                if escape + digits.count <= bytes.count, memcmp(base + escape, digits, digits.count) == 0 {
                    return true
                }
                offset = escape + 1
            }
            return false
        }
    }
}
