public import Foundation

/// Key files written once: created only where no file is, with a mode that keeps a private key from other users, and
/// flushed with their directory, so a key reported written survives a crash. A file is written whole under a hidden
/// name and only then linked to its own, so no reader, backup or crash ever finds it half written; a write that
/// fails removes what it created, and a failed set leaves no part of itself.
public enum KeyFile {
    /// A file or directory that could not be created, written or flushed.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let path: String
        /// The `errno` of the call that failed.
        public let number: Int32

        /// Whether the file was there already (made by someone else, or by another process at the same time).
        public var fileExists: Bool { number == EEXIST }
        public var description: String { "\(path): \(String(cString: strerror(number)))" }
    }

    /// One file to create.
    public struct Content: Sendable {
        public let text: String
        public let url: URL
        public let mode: mode_t

        public init(_ text: String, at url: URL, mode: mode_t) {
            self.text = text
            self.url = url
            self.mode = mode
        }
    }

    /// Creates `content.url` holding its text, flushed to disk with its directory entry; on failure nothing is left.
    /// The name appears only once the text is on disk (a crash before leaves at most a hidden `.partial` file,
    /// which no key reader takes up); `fileExists` when the name is taken, even by a writer racing this one.
    public static func create(_ content: Content) throws(Failure) {
        let path = content.url.path
        // A name already taken is answered before anything is written: a reader that only makes a key when it is
        // missing then works on a full disk too. (The link below still refuses one taken meanwhile.)
        var existing = stat()
        guard lstat(path, &existing) != 0 else { throw Failure(path: path, number: EEXIST) }
        let partial = content.url.deletingLastPathComponent()
            .appendingPathComponent(".\(content.url.lastPathComponent).\(UUID().uuidString).partial").path
        let descriptor = open(partial, O_WRONLY | O_CREAT | O_EXCL, content.mode)
        guard descriptor >= 0 else { throw Failure(path: partial, number: errno) }
        let failure = writeAll(Array(content.text.utf8), to: descriptor) ?? (fsync(descriptor) == 0 ? nil : errno)
        close(descriptor)
        defer { unlink(partial) }
        if let failure { throw Failure(path: partial, number: failure) }
        guard link(partial, path) == 0 else { throw Failure(path: path, number: errno) }
        do throws(Failure) {
            try flushDirectory(of: content.url)
        } catch {
            remove(content.url)
            throw error
        }
    }

    /// Writes every byte, going on after a short write or an interrupted call; the `errno` of a failed call, EIO for a
    /// call that wrote nothing, nil when all is written.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                let number = errno
                if number == EINTR { continue }
                return number
            }
            guard written > 0 else { return EIO }
            offset += written
        }
        return nil
    }

    /// Creates every file in order or, when one cannot be, none: those already created are removed again. (A crash
    /// part way leaves those written before it.)
    public static func createAll(_ contents: [Content]) throws(Failure) {
        for (index, content) in contents.enumerated() {
            do {
                try create(content)
            } catch {
                for created in contents[..<index].reversed() { remove(created.url) }
                throw error
            }
        }
    }

    /// Gives a file written under a pending name (one no reader takes up) its own name, which must not exist yet
    /// (`fileExists` otherwise), and removes the pending name; durable once it returns.
    public static func publish(_ pending: URL, as url: URL) throws(Failure) {
        guard link(pending.path, url.path) == 0 else { throw Failure(path: url.path, number: errno) }
        remove(pending)
    }

    /// Removes a file and flushes its directory, so an undone change stays undone after a crash.
    public static func remove(_ url: URL) {
        unlink(url.path)
        try? flushDirectory(of: url)
    }

    /// Flushes the directory holding `url` to disk, making a file's creation, removal or renaming durable.
    public static func flushDirectory(of url: URL) throws(Failure) {
        let path = url.deletingLastPathComponent().path
        let folder = open(path, O_RDONLY | O_DIRECTORY)
        guard folder >= 0 else { throw Failure(path: path, number: errno) }
        defer { close(folder) }
        guard fsync(folder) == 0 else { throw Failure(path: path, number: errno) }
    }
}
