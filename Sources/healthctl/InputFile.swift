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
            throw Unreadable(message: "\(option) \(path): cannot read the file")
        }
    }
}
