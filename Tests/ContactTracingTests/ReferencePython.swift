import Foundation

/// Runs scripts/reference/gaen_ref.py with the interpreter the team rules name: $REFERENCE_PYTHON, else the repo's
/// .venv-ref, else python3.
enum ReferencePython {
    static func script() throws -> URL {
        try GAENTestData.existing(GAENTestData.repositoryRoot.appendingPathComponent("scripts/reference/gaen_ref.py"))
    }

    static var interpreter: [String] {
        if let configured = ProcessInfo.processInfo.environment["REFERENCE_PYTHON"], !configured.isEmpty {
            return [configured]
        }
        let venv = GAENTestData.repositoryRoot.appendingPathComponent(".venv-ref/bin/python").path
        if FileManager.default.isExecutableFile(atPath: venv) {
            return [venv]
        }
        return ["/usr/bin/env", "python3"]
    }

    /// Runs the checker with `arguments`; returns its standard output and exit status.
    static func run(_ arguments: [String]) throws -> (output: String, status: Int32) {
        let process = Process()
        let command = interpreter + [try script().path] + arguments
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), process.terminationStatus)
    }
}
