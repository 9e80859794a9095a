import Foundation
import TestSupport
import Testing

/// The independent GAEN checker copied into the repository (`scripts/reference/gaen_ref.py`).
enum ReferenceChecker {
    /// Runs `gaen_ref.py --export ZIP --pubkey PEM` and expects every signature to verify.
    static func verifyExport(_ zip: Data, publicKeyPEM: String) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gaen-ref-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let zipFile = directory.appendingPathComponent("export.zip")
        let keyFile = directory.appendingPathComponent("key.pem")
        try zip.write(to: zipFile)
        try Data(publicKeyPEM.utf8).write(to: keyFile)
        let run = try await ReferenceTools.run("gaen_ref.py", ["--export", zipFile.path, "--pubkey", keyFile.path])
        #expect(run.status == 0)
        #expect(run.text.contains("signature: ['ok']"), "gaen_ref.py: \(run.text.suffix(200))")
        #expect(run.text.contains("\"region\": \"426\""))
    }
}
