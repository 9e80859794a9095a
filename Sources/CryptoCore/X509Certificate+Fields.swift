internal import COpenSSL
import Foundation

/// Reading the fields of a parsed `X509` into Swift values.
extension X509Certificate {
    /// `name` as a one-line RFC 2253 string with UTF-8 text.
    static func distinguishedName(_ name: OpaquePointer?) throws -> String {
        guard let name else {
            throw CryptoError(.invalidCertificate, "certificate without a name")
        }
        let text = try MemoryBIO.collect("X509_NAME_print_ex", code: .invalidCertificate) { bio in
            X509_NAME_print_ex(bio, name, 0, copenssl_name_flags_rfc2253_utf8()) >= 0
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The value of the countryName attribute in `name`, nil when absent.
    static func country(in name: OpaquePointer?) throws -> String? {
        guard let name else { return nil }
        let index = X509_NAME_get_index_by_NID(name, NID_countryName, -1)
        guard index >= 0 else { return nil }
        guard let entry = X509_NAME_get_entry(name, index), let value = X509_NAME_ENTRY_get_data(entry) else {
            throw CryptoError.openSSL(.invalidCertificate, "X509_NAME_get_entry(countryName)")
        }
        var utf8: UnsafeMutablePointer<UInt8>?
        let length = ASN1_STRING_to_UTF8(&utf8, value)
        guard length >= 0, let utf8 else {
            throw CryptoError.openSSL(.invalidCertificate, "ASN1_STRING_to_UTF8(countryName)")
        }
        defer { copenssl_free(utf8) }
        return String(decoding: UnsafeBufferPointer(start: utf8, count: Int(length)), as: UTF8.self)
    }

    /// The serial number's magnitude, big-endian.
    static func serialNumber(of certificate: OpaquePointer) throws -> [UInt8] {
        guard let serial = X509_get0_serialNumber(certificate) else {
            throw CryptoError(.invalidCertificate, "certificate without a serial number")
        }
        let length = Int(ASN1_STRING_length(serial))
        guard length > 0, let bytes = ASN1_STRING_get0_data(serial) else { return [0] }
        return [UInt8](UnsafeBufferPointer(start: bytes, count: length))
    }

    /// An ASN.1 UTCTime or GeneralizedTime as a `Date`.
    static func date(_ time: UnsafePointer<ASN1_TIME>?, field: String) throws -> Date {
        var parts = tm()
        guard let time, ASN1_TIME_to_tm(time, &parts) == 1 else {
            throw CryptoError.openSSL(.invalidCertificate, "ASN1_TIME_to_tm(\(field))")
        }
        let days = CivilCalendar.days(
            year: Int64(parts.tm_year) + 1900, month: Int64(parts.tm_mon) + 1, day: Int64(parts.tm_mday))
        let seconds = days * 86_400 + Int64(parts.tm_hour) * 3600 + Int64(parts.tm_min) * 60 + Int64(parts.tm_sec)
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The subject public key, sorted by algorithm; one OpenSSL cannot decode is `.unsupported`, named by its OID.
    static func publicKey(of certificate: OpaquePointer) throws -> PublicKey {
        if let key = X509_get0_pubkey(certificate) {
            return try PublicKey(key: EVPKey(sharing: key))
        }
        OpenSSLErrorQueue.clear()
        var algorithm: OpaquePointer?
        guard let subjectKey = X509_get_X509_PUBKEY(certificate),
            X509_PUBKEY_get0_param(&algorithm, nil, nil, nil, subjectKey) == 1, let algorithm
        else {
            throw CryptoError.openSSL(.invalidCertificate, "X509_PUBKEY_get0_param")
        }
        return .unsupported("undecodable key \(try objectIdentifier(algorithm, numeric: false))")
    }

    /// The extendedKeyUsage purposes as dotted OIDs, [] when the extension is absent.
    static func extendedKeyUsage(of certificate: OpaquePointer) throws -> [String] {
        var critical: Int32 = 0
        guard let decoded = X509_get_ext_d2i(certificate, NID_ext_key_usage, &critical, nil) else {
            // -1: no such extension. Otherwise it is duplicated (-2) or does not decode.
            guard critical == -1 else {
                throw CryptoError.openSSL(.invalidCertificate, "malformed or repeated extendedKeyUsage extension")
            }
            return []
        }
        let usages = OpaquePointer(decoded)
        defer { copenssl_eku_free(usages) }
        return try (0..<copenssl_eku_count(usages)).map { index in
            guard let usage = copenssl_eku_value(usages, index) else {
                throw CryptoError(.invalidCertificate, "extendedKeyUsage entry \(index) is missing")
            }
            return try objectIdentifier(usage, numeric: true)
        }
    }

    /// `object` as dotted decimal, or as OpenSSL's short name when `numeric` is false and it has one.
    static func objectIdentifier(_ object: OpaquePointer, numeric: Bool) throws -> String {
        let noName: Int32 = numeric ? 1 : 0
        let needed = OBJ_obj2txt(nil, 0, object, noName)
        guard needed > 0 else {
            throw CryptoError.openSSL(.invalidCertificate, "OBJ_obj2txt")
        }
        return try withUnsafeTemporaryAllocation(of: CChar.self, capacity: Int(needed) + 1) { buffer in
            guard OBJ_obj2txt(buffer.baseAddress, Int32(buffer.count), object, noName) == needed else {
                throw CryptoError.openSSL(.invalidCertificate, "OBJ_obj2txt")
            }
            return String(cString: buffer.baseAddress!)
        }
    }
}
