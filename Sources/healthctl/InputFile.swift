import Foundation

/// A file named on the command line, read whole. One that cannot be read (missing, a directory, not permitted) is a
/// file that failed, whatever the command: exit 3 with `file-unreadable`, naming the option and the path. Exit 1 stays
/// what a command found in what it read, and exit 2 a command line that is wrong in itself.
enum InputFile {
    struct Unreadable: Error {
        let message: String
    }

    /// The bytes of the file at `path`, given as `option` (an option's name, or the argument's).
    static func read(_ path: String, option: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw unreadable(path, option: option)
        }
    }

    /// Refuses `path` unless it is a file this process may read, for a command that reads it by other means.
    static func checkReadable(_ path: String, option: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
            FileManager.default.isReadableFile(atPath: path)
        else { throw unreadable(path, option: option) }
    }

    private static func unreadable(_ path: String, option: String) -> Unreadable {
        Unreadable(message: "\(option) \(path): cannot read the file")
    }
}
