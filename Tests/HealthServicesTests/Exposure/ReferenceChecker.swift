import Foundation
import Testing

/// The independent GAEN checker copied into the repository (`scripts/reference/gaen_ref.py`), run with
/// $REFERENCE_PYTHON (set by `make test`), else the repository's .venv-ref, else python3.
enum ReferenceChecker {
    static var repositoryRoot: URL {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url = url.deletingLastPathComponent()
        }
        return url
    }

    static var python: String {
        ProcessInfo.processInfo.environment["REFERENCE_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
            ?? [repositoryRoot.appendingPathComponent(".venv-ref/bin/python").path]
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/python3"
    }

    /// Runs `gaen_ref.py --export ZIP --pubkey PEM` and expects every signature to verify.
    static func verifyExport(_ zip: Data, publicKeyPEM: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gaen-ref-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let zipFile = directory.appendingPathComponent("export.zip")
        let keyFile = directory.appendingPathComponent("key.pem")
        try zip.write(to: zipFile)
        try Data(publicKeyPEM.utf8).write(to: keyFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            repositoryRoot.appendingPathComponent("scripts/reference/gaen_ref.py").path, "--export", zipFile.path,
            "--pubkey", keyFile.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains("signature: ['ok']"), "gaen_ref.py: \(text.suffix(200))")
        #expect(text.contains("\"region\": \"426\""))
    }
}
