import Foundation

/// Where the shared conformance data and the independent reference checkers are, and the Python that runs them.
enum ReferenceTools {
    /// The directory holding Package.swift.
    static var repositoryRoot: URL {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url = url.deletingLastPathComponent()
        }
        return url
    }

    /// `../shared` beside the repository: testdata/ and tools/.
    static var shared: URL { repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared") }

    /// REFERENCE_PYTHON, else the repository's .venv-ref, else the system python3.
    static var python: String {
        ProcessInfo.processInfo.environment["REFERENCE_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
            ?? [repositoryRoot.appendingPathComponent(".venv-ref/bin/python").path]
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/python3"
    }
}
