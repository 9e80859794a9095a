import Foundation
import Testing

/// The EU dgc-testdata conformance files in `Tests/Fixtures/dcc` (see Tests/Fixtures/README.md for the source).
enum DCCTestdata {
    /// `Tests/Fixtures/dcc` of the repository that holds this test file.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // CryptoCoreTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures/dcc")
        .standardizedFileURL

    /// The fixture folder, failing the test with its path when it is not in the repository.
    static func requireDirectory() throws {
        try #require(
            FileManager.default.fileExists(atPath: directory.path),
            "test fixture missing: \(directory.path) (see Tests/Fixtures/README.md)")
    }

    /// One test file's signer certificate: the DER from `TESTCTX.CERTIFICATE` and the file's path below `dcc/`.
    struct SignerCertificate {
        let path: String
        let der: [UInt8]
    }

    /// Every `TESTCTX.CERTIFICATE` in every JSON file below the directory, in path order.
    static func signerCertificates() throws -> [SignerCertificate] {
        try requireDirectory()
        let enumerator = try #require(FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil))
        var certificates: [SignerCertificate] = []
        for case let url as URL in enumerator where url.pathExtension == "json" {
            let path = String(url.standardizedFileURL.path.dropFirst(directory.path.count + 1))
            if let der = try certificate(in: url, path: path) {
                certificates.append(SignerCertificate(path: path, der: der))
            }
        }
        return certificates.sorted { $0.path < $1.path }
    }

    /// The signer certificate of one test file, such as "DE/2DCode/raw/1.json".
    static func signerCertificate(_ path: String) throws -> [UInt8] {
        try requireDirectory()
        let der = try certificate(in: directory.appendingPathComponent(path), path: path)
        return try #require(der, "no TESTCTX.CERTIFICATE in \(path)")
    }

    /// The base64 `TESTCTX.CERTIFICATE` of the JSON file at `url`, decoded; nil when the file has none.
    private static func certificate(in url: URL, path: String) throws -> [UInt8]? {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        guard let object = json as? [String: Any], let context = object["TESTCTX"] as? [String: Any],
            let base64 = context["CERTIFICATE"] as? String
        else { return nil }
        return [UInt8](try #require(Data(base64Encoded: base64), "\(path): CERTIFICATE is not base64"))
    }
}
