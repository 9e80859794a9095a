import Certificates
package import Foundation

/// Finds a member name given twice in one object of JSON text, at any depth.
///
/// RFC 8259 §4 leaves the meaning of such an object to the reader, and Foundation's decoders keep one of the
/// values without a word, so a body `{"result":"negative","result":"positive"}` would be read as whichever they
/// keep. Bodies are refused instead (`duplicate-member`).
///
/// The text must already be known to be JSON (a decoder has accepted it): this follows its structure only, in
/// one pass without recursion. Names are compared as they read once their escapes are undone (`"a"` and
/// `"\u0061"` are one name, RFC 8259 §8.3), byte for byte. An object's names are sorted when it closes, so a
/// hostile object with many members costs n log n, not n². The bookkeeping lives in temporary allocations sized
/// from the text (on the stack for ordinary bodies), so a body of a hot path costs no heap allocation.
package enum JSONDuplicateMember {
    /// A member name: its bytes in the text, or in the decoded names when it held escapes.
    private struct Name {
        var isDecoded: Bool
        var start: Int32
        var count: Int32
    }

    /// The refusal of a body that gives the member `name` twice in one object.
    package static func refusal(naming name: String) -> ServiceError {
        ServiceError(
            .duplicateMember, "The field '\(ServiceError.printable(name))' is given more than once in one object.")
    }

    /// A name given twice in one object of `text` (of the first such object to close, the shortest, then the first
    /// in byte order), or nil.
    package static func first(in text: Data) -> String? {
        text.withUnsafeBytes { first(in: $0) }
    }

    static func first(in text: UnsafeRawBufferPointer) -> String? {
        let bytes = text.bindMemory(to: UInt8.self)
        // No object has two members without a comma: most small bodies are done here.
        guard let base = bytes.baseAddress, memchr(base, Int32(UInt8(ascii: ",")), bytes.count) != nil else {
            return nil
        }
        // A member takes at least 4 bytes (`"":0`) and an open container 2 (its brackets), so these bound the
        // names of the objects open at once and the depth.
        return withUnsafeTemporaryAllocation(of: Name.self, capacity: bytes.count / 4 + 1) { names in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: bytes.count / 2 + 1) { containers in
                var scan = Scan(bytes: bytes, names: names, containers: containers)
                return scan.run()
            }
        }
    }

    /// One pass over the text: the names of the objects open now (innermost last) and, for each open container,
    /// where its names start (-1 for an array).
    private struct Scan {
        let bytes: UnsafeBufferPointer<UInt8>
        let names: UnsafeMutableBufferPointer<Name>
        let containers: UnsafeMutableBufferPointer<Int32>
        var nameCount = 0
        var depth = 0
        /// Names that held escapes, decoded; empty (never allocated) for text without any.
        var decoded: [UInt8] = []

        init(
            bytes: UnsafeBufferPointer<UInt8>, names: UnsafeMutableBufferPointer<Name>,
            containers: UnsafeMutableBufferPointer<Int32>
        ) {
            self.bytes = bytes
            self.names = names
            self.containers = containers
        }

        /// Nil also for text that is not JSON, which breaks the bounds (the decoder has refused it already).
        mutating func run() -> String? {
            var expectsName = false
            var index = 0
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard depth < containers.count else { return nil }
                    expectsName = bytes[index] == UInt8(ascii: "{")
                    containers[depth] = expectsName ? Int32(nameCount) : -1
                    depth += 1
                case UInt8(ascii: ","):
                    expectsName = depth > 0 && containers[depth - 1] >= 0
                case UInt8(ascii: "}"):
                    guard depth > 0, containers[depth - 1] >= 0 else { return nil }
                    depth -= 1
                    let start = Int(containers[depth])
                    if nameCount - start > 1, let name = repeatedName(from: start) { return name }
                    nameCount = start
                case UInt8(ascii: "]"):
                    guard depth > 0 else { return nil }
                    depth -= 1
                case UInt8(ascii: "\""):
                    let end = stringEnd(from: index + 1)
                    if expectsName {
                        guard nameCount < names.count, end <= bytes.count else { return nil }
                        names[nameCount] = name(index + 1, end)
                        nameCount += 1
                        expectsName = false
                    }
                    index = end
                default:
                    break
                }
                index += 1
            }
            return nil
        }

        /// The index of the quote that closes the string whose text starts at `start`.
        private func stringEnd(from start: Int) -> Int {
            var index = start
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
            }
            return index
        }

        /// The name whose text is `bytes[start..<end]`; one with escapes is decoded into `decoded`.
        private mutating func name(_ start: Int, _ end: Int) -> Name {
            guard bytes[start..<end].contains(UInt8(ascii: "\\")) else {
                return Name(isDecoded: false, start: Int32(start), count: Int32(end - start))
            }
            let first = decoded.count
            let text = bytes[start..<end]
            var index = start
            while index < end {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\\") {
                    // The text is JSON already, so every escape reads.
                    _ = try? JSONEscapes.decode(text, at: &index, into: &decoded)
                } else {
                    decoded.append(byte)
                }
            }
            return Name(isDecoded: true, start: Int32(first), count: Int32(decoded.count - first))
        }

        /// Sorts the names of the object closing now (from `start` on) by length, then bytes, and returns the
        /// first that appears twice.
        private func repeatedName(from start: Int) -> String? {
            decoded.withUnsafeBufferPointer { decoded in
                func text(_ name: Name) -> UnsafeRawPointer {
                    UnsafeRawPointer((name.isDecoded ? decoded : bytes).baseAddress! + Int(name.start))
                }
                func order(_ left: Name, _ right: Name) -> Int32 {
                    left.count != right.count
                        ? left.count - right.count : memcmp(text(left), text(right), Int(left.count))
                }
                var object = UnsafeMutableBufferPointer(rebasing: names[start..<nameCount])
                object.sort { order($0, $1) < 0 }
                for (earlier, later) in zip(object, object.dropFirst()) where order(earlier, later) == 0 {
                    return String(
                        decoding: UnsafeRawBufferPointer(start: text(earlier), count: Int(earlier.count)), as: UTF8.self
                    )
                }
                return nil
            }
        }
    }
}
