import CompressNIO
import ContactTracing
import CryptoCore
import Foundation
import NIOCore
import Testing
import ZIPFoundation

/// The zip layer of an export, byte by byte: each way a zip can lie about itself is refused as `invalid-archive`
/// (or `entry-too-large`), in time, and the zips real key servers write still read.
@Suite struct ExportZipStructureTests {
    /// One entry as it is laid out: the stored bytes and what the headers claim about them.
    struct RawEntry {
        var name: String
        var localName: String? = nil
        var method: UInt16 = 8
        var flags: UInt16 = 0
        var stored: [UInt8]
        var crc32: UInt32
        var uncompressedSize: UInt32
        var compressedSizeDelta: Int = 0

        /// `contents` deflated (method 8) or stored (method 0), with its true CRC and sizes.
        init(_ name: String, _ contents: [UInt8], method: UInt16 = 8) throws {
            self.name = name
            self.method = method
            var input = ByteBuffer(bytes: contents)
            stored = method == 8 ? Array(try input.compress(with: .deflate).readableBytesView) : contents
            crc32 = Data(contents).crc32(checksum: 0)
            uncompressedSize = UInt32(contents.count)
        }
    }

    /// Local headers and data, then the central directory, then the end record (with `endPatch` applied).
    static func zip(_ entries: [RawEntry], comment: [UInt8] = [], endPatch: (inout [UInt8]) -> Void = { _ in })
        -> Data
    {
        var bytes: [UInt8] = []
        var directory: [UInt8] = []
        for entry in entries {
            let offset = UInt32(bytes.count)
            let name = Array(entry.name.utf8)
            let localName = Array((entry.localName ?? entry.name).utf8)
            let compressedSize = UInt32(entry.stored.count + entry.compressedSizeDelta)
            bytes += le32(0x0403_4b50) + le16(20) + le16(entry.flags) + le16(entry.method) + le32(0)
            bytes += le32(entry.crc32) + le32(compressedSize) + le32(entry.uncompressedSize)
            bytes += le16(UInt16(localName.count)) + le16(0) + localName + entry.stored
            directory += le32(0x0201_4b50) + le16(20) + le16(20) + le16(entry.flags) + le16(entry.method) + le32(0)
            directory += le32(entry.crc32) + le32(compressedSize) + le32(entry.uncompressedSize)
            directory += le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset)
            directory += name
        }
        var end = le32(0x0605_4b50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        end += le32(UInt32(directory.count)) + le32(UInt32(bytes.count)) + le16(UInt16(comment.count))
        endPatch(&end)
        return Data(bytes + directory + end + comment)
    }

    static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8)] }
    static func le32(_ value: UInt32) -> [UInt8] { le16(UInt16(value & 0xffff)) + le16(UInt16(value >> 16)) }

    static func entries() throws -> (bin: RawEntry, sig: RawEntry) {
        let signed = try ExportMalformedTests.signed()
        return (try RawEntry("export.bin", signed.exportBin), try RawEntry("export.sig", signed.exportSig))
    }

    static func code(_ zip: Data) -> ContactTracingError.Code? {
        ExportMalformedTests.code { _ = try SignedExport(zipData: zip) }
    }

    @Test func wellFormedZipsRead() throws {
        let (bin, sig) = try Self.entries()
        #expect(Self.code(Self.zip([bin, sig])) == nil)
        #expect(Self.code(Self.zip([sig, bin], comment: Array("batch 7".utf8))) == nil)
        let storedBin = try RawEntry("export.bin", ExportMalformedTests.signed().exportBin, method: 0)
        let storedSig = try RawEntry("export.sig", ExportMalformedTests.signed().exportSig, method: 0)
        #expect(Self.code(Self.zip([storedBin, storedSig])) == nil)
    }

    /// Fuzz/ExportFuzz found a zip whose deflate stream runs past its entry; it made the general-purpose zip
    /// reader loop forever. A stream cut short, or followed by more bytes inside its entry, is refused.
    @Test func deflateStreamMustEndExactlyAtTheEntryEnd() throws {
        let (bin, sig) = try Self.entries()
        var cutShort = bin
        cutShort.compressedSizeDelta = -3
        #expect(Self.code(Self.zip([cutShort, sig])) == .invalidArchive)
        var followed = bin
        followed.stored += [0, 0]
        #expect(Self.code(Self.zip([followed, sig])) == .invalidArchive)
        var truncatedFile = [UInt8](Self.zip([bin, sig]))
        truncatedFile.removeLast(30)
        #expect(Self.code(Data(truncatedFile)) == .invalidArchive)
    }

    @Test func headersMustAgreeWithTheContents() throws {
        let (bin, sig) = try Self.entries()
        var badCRC = bin
        badCRC.crc32 ^= 1
        #expect(Self.code(Self.zip([badCRC, sig])) == .invalidArchive)
        var longer = bin
        longer.uncompressedSize -= 1
        #expect(Self.code(Self.zip([longer, sig])) == .invalidArchive)
        var shorter = bin
        shorter.uncompressedSize += 1
        #expect(Self.code(Self.zip([shorter, sig])) == .invalidArchive)
        var renamed = bin
        renamed.localName = "export.biN"
        #expect(Self.code(Self.zip([renamed, sig])) == .invalidArchive)
    }

    @Test func unsupportedFeaturesAreRefused() throws {
        let (bin, sig) = try Self.entries()
        var encrypted = bin
        encrypted.flags = 1
        #expect(Self.code(Self.zip([encrypted, sig])) == .invalidArchive)
        var bzip2 = bin
        bzip2.method = 12
        #expect(Self.code(Self.zip([bzip2, sig])) == .invalidArchive)
        let spanned = Self.zip([bin, sig]) { $0.replaceSubrange(4..<6, with: Self.le16(1)) }
        #expect(Self.code(spanned) == .invalidArchive)
        let zip64 = Self.zip([bin, sig]) { $0.replaceSubrange(16..<20, with: Self.le32(.max)) }
        #expect(Self.code(zip64) == .invalidArchive)
    }

    @Test func offsetsMustStayInsideTheFile() throws {
        let (bin, sig) = try Self.entries()
        let directoryPastEnd = Self.zip([bin, sig]) { $0.replaceSubrange(16..<20, with: Self.le32(1 << 20)) }
        #expect(Self.code(directoryPastEnd) == .invalidArchive)
        let tooManyRecords = Self.zip([bin, sig]) {
            $0.replaceSubrange(8..<12, with: Self.le16(3) + Self.le16(3))
        }
        #expect(Self.code(tooManyRecords) == .invalidArchive)
        var pastDirectory = bin
        pastDirectory.compressedSizeDelta = 1 << 16
        #expect(Self.code(Self.zip([pastDirectory, sig])) == .invalidArchive)
        let commentLengthWrong = Self.zip([bin, sig], comment: [1, 2, 3]) {
            $0.replaceSubrange(20..<22, with: Self.le16(2))
        }
        #expect(Self.code(commentLengthWrong) == .invalidArchive)
    }

    @Test func declaredSizeOverTheLimitStopsBeforeInflating() throws {
        let (bin, sig) = try Self.entries()
        var limits = ExportLimits.standard
        limits.maximumExportBinBytes = Int(bin.uncompressedSize) - 1
        let code = ExportMalformedTests.code { _ = try SignedExport(zipData: Self.zip([bin, sig]), limits: limits) }
        #expect(code == .entryTooLarge)
    }
}
