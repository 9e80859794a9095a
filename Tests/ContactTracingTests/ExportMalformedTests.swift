import ContactTracing
import CryptoCore
import Foundation
import Testing
import ZIPFoundation

/// Hostile or broken export files each fail with their own error code, never a crash.
@Suite struct ExportMalformedTests {
    static func signed() throws -> SignedExport {
        try SignedExport.sign(ExportWritingTests.sampleExport(), with: P256PrivateKey(), info: ExportWritingTests.info)
    }

    static func zip(_ entries: [(String, [UInt8])]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (name, bytes) in entries {
            let data = Data(bytes)
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        return try #require(archive.data)
    }

    static func code(_ body: () throws -> Void) -> ContactTracingError.Code? {
        do {
            try body()
            return nil
        } catch let error as ContactTracingError {
            return error.code
        } catch {
            return nil
        }
    }

    @Test func wrongHeader() throws {
        var bin = try Self.signed().exportBin
        bin[3] = UInt8(ascii: "x")
        #expect(Self.code { _ = try KeyExport(exportBin: bin) } == .invalidHeader)
        #expect(Self.code { _ = try KeyExport(exportBin: Array("EK Export".utf8)) } == .invalidHeader)
    }

    @Test func truncatedProtobuf() throws {
        let bin = try Self.signed().exportBin
        #expect(Self.code { _ = try KeyExport(exportBin: Array(bin.dropLast(7))) } == .malformedProtobuf)
        let lengthPastEnd = KeyExport.header + [0x3a, 0x7f, 0x0a, 0x10]
        #expect(Self.code { _ = try KeyExport(exportBin: lengthPastEnd) } == .malformedProtobuf)
    }

    @Test func oversizedFields() throws {
        // keys { key_data: 17 bytes, rolling_start_interval_number: 1 }
        let longKey =
            KeyExport.header + [0x08 | 0x01, 0, 0, 0, 0, 0, 0, 0, 0] + [0x20, 1, 0x28, 1]
            + [0x3a, 21, 0x0a, 17] + [UInt8](repeating: 7, count: 17) + [0x18, 1]
        #expect(Self.code { _ = try KeyExport(exportBin: longKey) } == .invalidKeyLength)
        let region = KeyExport.header + [0x1a, 100] + [UInt8](repeating: 65, count: 100) + [0x20, 1, 0x28, 1]
        #expect(Self.code { _ = try KeyExport(exportBin: region) } == .invalidExportField)
        let period =
            KeyExport.header + [0x20, 1, 0x28, 1, 0x3a, 23, 0x0a, 16] + [UInt8](repeating: 7, count: 16)
            + [0x18, 1, 0x20, 0xc8, 0x01]
        #expect(Self.code { _ = try KeyExport(exportBin: period) } == .invalidRollingPeriod)
        let hugeVarint = KeyExport.header + [0x20] + [UInt8](repeating: 0xff, count: 11)
        #expect(Self.code { _ = try KeyExport(exportBin: hugeVarint) } == .malformedProtobuf)
    }

    @Test func badSignatures() throws {
        let signed = try Self.signed()
        let other = try P256PrivateKey()
        #expect(Self.code { try signed.verify(with: other.publicKey) } == .signatureMismatch)
        #expect(Self.code { _ = try SignedExport(exportBin: signed.exportBin, exportSig: []) } == .missingSignature)
        // TEKSignatureList { signatures { signature: "abc" } }
        let notDER = try SignedExport(
            exportBin: signed.exportBin, exportSig: [0x0a, 0x05, 0x22, 0x03, 0x61, 0x62, 0x63])
        #expect(Self.code { try notDER.verify(with: other.publicKey) } == .invalidSignature)
        #expect(
            Self.code { _ = try SignedExport(exportBin: signed.exportBin, exportSig: [0x0a, 0x09, 0x22]) }
                == .malformedProtobuf)
    }

    @Test func zipWithExtraOrMissingEntries() throws {
        let signed = try Self.signed()
        let extra = try Self.zip([("export.bin", signed.exportBin), ("export.sig", signed.exportSig), ("x.txt", [1])])
        #expect(Self.code { _ = try SignedExport(zipData: extra) } == .unexpectedEntry)
        let duplicate = try Self.zip([("export.bin", signed.exportBin), ("export.bin", signed.exportBin)])
        #expect(Self.code { _ = try SignedExport(zipData: duplicate) } == .unexpectedEntry)
        let noSig = try Self.zip([("export.bin", signed.exportBin)])
        #expect(Self.code { _ = try SignedExport(zipData: noSig) } == .missingEntry)
        let noBin = try Self.zip([("export.sig", signed.exportSig)])
        #expect(Self.code { _ = try SignedExport(zipData: noBin) } == .missingEntry)
        #expect(Self.code { _ = try SignedExport(zipData: Data("not a zip".utf8)) } == .invalidArchive)
        #expect(Self.code { _ = try SignedExport(zipData: Data()) } == .invalidArchive)
    }

    @Test func zipBombIsStoppedByTheDeclaredSize() throws {
        let signed = try Self.signed()
        let bomb = try Self.zip([
            ("export.bin", [UInt8](repeating: 0, count: 4 << 20)), ("export.sig", signed.exportSig),
        ])
        #expect(bomb.count < 64 << 10)
        var limits = ExportLimits.standard
        limits.maximumExportBinBytes = 1 << 20
        #expect(Self.code { _ = try SignedExport(zipData: bomb, limits: limits) } == .entryTooLarge)
    }

    @Test func zipBombWithALyingSizeIsStoppedWhileInflating() throws {
        let signed = try Self.signed()
        var bomb = [UInt8](
            try Self.zip([("export.bin", [UInt8](repeating: 0, count: 4 << 20)), ("export.sig", signed.exportSig)]))
        // Declare 100 bytes in the local header (offset 22) and the central directory entry (offset 24).
        for (signature, offset) in [([0x50, 0x4b, 0x03, 0x04] as [UInt8], 22), ([0x50, 0x4b, 0x01, 0x02], 24)] {
            let start = try #require((0...(bomb.count - 4)).first { Array(bomb[$0..<$0 + 4]) == signature })
            bomb.replaceSubrange(start + offset..<start + offset + 4, with: [100, 0, 0, 0])
        }
        var limits = ExportLimits.standard
        limits.maximumExportBinBytes = 1 << 20
        let code = Self.code { _ = try SignedExport(zipData: Data(bomb), limits: limits) }
        #expect(code == .entryTooLarge || code == .invalidArchive)
    }

    @Test func oversizedArchiveAndSignatureFile() throws {
        let signed = try Self.signed()
        var limits = ExportLimits.standard
        limits.maximumArchiveBytes = 100
        #expect(Self.code { _ = try SignedExport(zipData: signed.zipData(), limits: limits) } == .entryTooLarge)
        limits = .standard
        limits.maximumExportSigBytes = 10
        #expect(Self.code { _ = try SignedExport(zipData: signed.zipData(), limits: limits) } == .entryTooLarge)
    }
}
