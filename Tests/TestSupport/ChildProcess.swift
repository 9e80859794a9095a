public import Foundation

/// Runs blocking work, such as waiting for a child process, on a thread of its own.
///
/// Swift's concurrency pool has as many threads as the machine has cores (two here). A test that blocks one of them
/// on a child process takes it from every other test running in parallel; two such tests stop the pool, and with it
/// every timer and deadline the other tests are measuring. Work that blocks goes here instead.
public func onOwnThread<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// A child process run to its end off the concurrency pool.
public struct ChildProcess: Sendable {
    /// The finished run: exit status and everything it printed.
    public struct Output: Sendable {
        public let status: Int32
        public let standardOutput: Data
        public let standardError: Data

        public var text: String { String(decoding: standardOutput, as: UTF8.self) }
        public var errorText: String { String(decoding: standardError, as: UTF8.self) }
    }

    public let executable: URL
    public let arguments: [String]
    public var directory: URL?

    /// `executable` is a path, or a program name looked up on `PATH` (through `/usr/bin/env`).
    public init(_ executable: String, _ arguments: [String], in directory: URL? = nil) {
        if executable.contains("/") {
            self.executable = URL(fileURLWithPath: executable)
            self.arguments = arguments
        } else {
            self.executable = URL(fileURLWithPath: "/usr/bin/env")
            self.arguments = [executable] + arguments
        }
        self.directory = directory
    }

    /// Runs the process to completion, feeding `input` on its standard input.
    public func run(input: Data? = nil) async throws -> Output {
        try await onOwnThread { try runBlocking(input: input) }
    }

    private func runBlocking(input: Data?) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        let error = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = standardInput
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(input) }
        try standardInput.fileHandleForWriting.close()
        // Standard error is drained on a second thread so that a chatty process never blocks on a full pipe.
        let errorData = Thread.collecting { error.fileHandleForReading.readDataToEndOfFile() }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, standardOutput: outputData, standardError: errorData.value)
    }
}

extension Thread {
    /// Starts `body` on a new thread; `value` waits for its result.
    fileprivate static func collecting(_ body: @escaping @Sendable () -> Data) -> Collected {
        let collected = Collected()
        Thread {
            collected.data = body()
            collected.done.signal()
        }.start()
        return collected
    }

    fileprivate final class Collected: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)

        /// The thread's result; written before `done` is signalled and read only after it.
        var value: Data {
            done.wait()
            return data
        }
    }
}
