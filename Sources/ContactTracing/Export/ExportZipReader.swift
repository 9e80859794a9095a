import Foundation
import Inflate
import ZIPFoundation

/// Reads the entries of an export zip held in memory, strictly: one disk, no ZIP64, no encryption, every local
/// header agreeing with its central directory record, every entry's data inside the file and ending where its
/// deflate stream ends. Key servers send small zips of two entries; anything else is refused with a reason,
/// never read past its end or spun on (a crafted zip made a general-purpose reader loop forever).
struct ExportZipReader {
    /// One central directory record and where its data lies.
    struct Entry {
        let name: String
        let isDeflated: Bool
        let crc32: UInt32
        let uncompressedSize: Int
        let data: Range<Int>
    }

    private let bytes: [UInt8]
    let entries: [Entry]

    init(_ bytes: [UInt8]) throws(ContactTracingError) {
        self.bytes = bytes
        let end = try Self.endOfCentralDirectory(in: bytes)
        var entries: [Entry] = []
        var record = end.directoryOffset
        for _ in 0..<end.entryCount {
            let (entry, next) = try Self.entry(
                at: record, in: bytes, directoryEnd: end.directoryOffset + end.directorySize,
                dataLimit: end.directoryOffset)
            entries.append(entry)
            record = next
        }
        guard record == end.directoryOffset + end.directorySize else {
            throw Self.invalid("the central directory's size does not match its records")
        }
        self.entries = entries
    }

    /// The entry's bytes, inflated when deflated, at most `limit` of them, checked against its CRC-32.
    func contents(of entry: Entry, limit: Int) throws(ContactTracingError) -> [UInt8] {
        guard entry.uncompressedSize <= limit else {
            throw ContactTracingError(.entryTooLarge, "\(entry.name) declares \(entry.uncompressedSize) bytes")
        }
        let contents =
            entry.isDeflated
            ? try inflate(bytes[entry.data], name: entry.name, size: entry.uncompressedSize)
            : Array(bytes[entry.data])
        guard contents.count == entry.uncompressedSize else {
            throw Self.invalid("\(entry.name) holds a size other than declared")
        }
        guard Data(contents).crc32(checksum: 0) == entry.crc32 else {
            throw Self.invalid("\(entry.name) fails its CRC-32")
        }
        return contents
    }

    /// Raw deflate, at most the declared size, ending exactly at the entry's end.
    private func inflate(_ data: ArraySlice<UInt8>, name: String, size: Int) throws(ContactTracingError) -> [UInt8] {
        do throws(ExactInflater.Failure) {
            return try ExactInflater(.raw, maximumOutputSize: size).inflate(data)
        } catch .outputTooLarge {
            throw Self.invalid("\(name) inflates to more than its declared \(size) bytes")
        } catch .trailingBytes {
            throw Self.invalid("\(name) has data after its deflate stream")
        } catch {
            throw Self.invalid("\(name) is not a complete deflate stream")
        }
    }

    private static func invalid(_ reason: String) -> ContactTracingError {
        ContactTracingError(.invalidArchive, reason)
    }
}

extension ExportZipReader {
    private struct EndOfCentralDirectory {
        let entryCount: Int
        let directorySize: Int
        let directoryOffset: Int
    }

    private static let endSignature: UInt32 = 0x0605_4b50
    private static let directorySignature: UInt32 = 0x0201_4b50
    private static let localSignature: UInt32 = 0x0403_4b50

    /// The end record: the last 22 bytes, or earlier by exactly the length of the archive comment it declares.
    private static func endOfCentralDirectory(in bytes: [UInt8]) throws(ContactTracingError) -> EndOfCentralDirectory {
        let fixedSize = 22
        guard bytes.count >= fixedSize else { throw invalid("not a zip archive: too short") }
        let last = bytes.count - fixedSize
        let candidates = stride(from: last, through: max(0, last - Int(UInt16.max)), by: -1)
        guard
            let offset = candidates.first(where: {
                uint32(bytes, $0) == endSignature && $0 + fixedSize + Int(uint16(bytes, $0 + 20)) == bytes.count
            })
        else { throw invalid("not a zip archive: no end of central directory") }
        let entriesHere = uint16(bytes, offset + 8)
        let size = uint32(bytes, offset + 12)
        let start = uint32(bytes, offset + 16)
        guard uint16(bytes, offset + 4) == 0, uint16(bytes, offset + 6) == 0,
            entriesHere == uint16(bytes, offset + 10)
        else { throw invalid("a zip spanning several disks") }
        guard entriesHere != .max, size != .max, start != .max else { throw invalid("ZIP64 is not used for exports") }
        guard Int(start) + Int(size) <= offset else { throw invalid("the central directory lies past its end record") }
        return EndOfCentralDirectory(
            entryCount: Int(entriesHere), directorySize: Int(size), directoryOffset: Int(start))
    }

    /// The central directory record at `offset`, checked against its local header, its record before `directoryEnd`
    /// and its data before `dataLimit`; returns the next record's offset.
    private static func entry(
        at offset: Int, in bytes: [UInt8], directoryEnd: Int, dataLimit: Int
    ) throws(ContactTracingError) -> (Entry, next: Int) {
        let fixedSize = 46
        guard offset + fixedSize <= directoryEnd, uint32(bytes, offset) == directorySignature else {
            throw invalid("a central directory record is missing")
        }
        let flags = uint16(bytes, offset + 8)
        let method = uint16(bytes, offset + 10)
        let compressedSize = uint32(bytes, offset + 20)
        let uncompressedSize = uint32(bytes, offset + 24)
        let nameLength = Int(uint16(bytes, offset + 28))
        let next = offset + fixedSize + nameLength + Int(uint16(bytes, offset + 30)) + Int(uint16(bytes, offset + 32))
        let localOffset = Int(uint32(bytes, offset + 42))
        guard next <= directoryEnd else { throw invalid("a central directory record runs past the directory") }
        guard let name = String(validating: bytes[offset + fixedSize..<offset + fixedSize + nameLength], as: UTF8.self)
        else { throw invalid("an entry name is not UTF-8") }
        guard flags & 1 == 0 else { throw invalid("\(name) is encrypted") }
        guard method == 0 || method == 8 else { throw invalid("\(name) uses compression method \(method)") }
        guard compressedSize != .max, uncompressedSize != .max else { throw invalid("ZIP64 is not used for exports") }
        guard method == 8 || compressedSize == uncompressedSize else {
            throw invalid("\(name) is stored with two different sizes")
        }

        let localFixedSize = 30
        guard localOffset + localFixedSize <= dataLimit, uint32(bytes, localOffset) == localSignature else {
            throw invalid("\(name) has no local header")
        }
        let localNameLength = Int(uint16(bytes, localOffset + 26))
        let dataStart = localOffset + localFixedSize + localNameLength + Int(uint16(bytes, localOffset + 28))
        guard uint16(bytes, localOffset + 8) == method, localNameLength == nameLength,
            dataStart <= dataLimit,
            bytes[localOffset + localFixedSize..<localOffset + localFixedSize + nameLength].elementsEqual(
                bytes[offset + fixedSize..<offset + fixedSize + nameLength])
        else { throw invalid("\(name): local header and central directory disagree") }
        guard dataStart + Int(compressedSize) <= dataLimit else {
            throw invalid("\(name) runs past the end of the zip")
        }
        let entry = Entry(
            name: name, isDeflated: method == 8, crc32: uint32(bytes, offset + 16),
            uncompressedSize: Int(uncompressedSize), data: dataStart..<dataStart + Int(compressedSize))
        return (entry, next)
    }

    private static func uint16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(uint16(bytes, offset)) | UInt32(uint16(bytes, offset + 2)) << 16
    }
}
