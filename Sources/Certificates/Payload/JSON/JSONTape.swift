import Foundation

/// JSON text parsed into a flat list of nodes over its bytes, in document order: one node per value (object
/// members are a key node then the value's nodes), each knowing where the value after it, and after all it
/// contains, starts. Strings and numbers are made when read.
///
/// A tree of Swift enums and arrays for a 100,000-result Bundle (86 MB) took about 0.7 GB and most of the read time
/// in allocation and reference counting; the nodes take 16 bytes each.
package final class JSONTape: Sendable {
    package enum Kind: UInt8, Sendable {
        case null, bool, number, string, array, object
    }

    struct Node: Sendable {
        var kind: Kind
        /// For a string, whether it held escapes (then `start` indexes `decoded`); for a boolean, its value.
        var flag: Bool
        /// The bytes of a number, or of a string without escapes (without its quotes).
        var start: Int32
        var end: Int32
        /// The index of the node after this value and everything in it.
        var next: Int32
    }

    let bytes: ArraySlice<UInt8>
    let nodes: [Node]
    /// Strings that held escapes, decoded while parsing.
    let decoded: [String]

    init(bytes: ArraySlice<UInt8>, nodes: [Node], decoded: [String]) {
        self.bytes = bytes
        self.nodes = nodes
        self.decoded = decoded
    }

    /// The text of the string node at `index`.
    package func string(at index: Int) -> String {
        let node = nodes[index]
        if node.flag { return decoded[Int(node.start)] }
        return String(decoding: bytes[Int(node.start)..<Int(node.end)], as: UTF8.self)
    }

    /// Whether the string node at `index` is `text`, without making a String of it.
    package func string(at index: Int, equals text: StaticString) -> Bool {
        let node = nodes[index]
        if node.flag { return decoded[Int(node.start)] == text.description }
        return Int(node.end - node.start) == text.utf8CodeUnitCount && bytes(of: node, startWith: text)
    }

    /// Whether the string node at `index` starts with `prefix`, without making a String of it.
    package func string(at index: Int, hasPrefix prefix: StaticString) -> Bool {
        let node = nodes[index]
        if node.flag { return decoded[Int(node.start)].hasPrefix(prefix.description) }
        return Int(node.end - node.start) >= prefix.utf8CodeUnitCount && bytes(of: node, startWith: prefix)
    }

    /// Whether the bytes of `node`, at least as many as `prefix` has, start with it.
    private func bytes(of node: Node, startWith prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { expected in
            bytes.withUnsafeBufferPointer { all in
                guard let base = all.baseAddress, let wanted = expected.baseAddress else { return expected.isEmpty }
                return memcmp(base + (Int(node.start) - bytes.startIndex), wanted, expected.count) == 0
            }
        }
    }
}
