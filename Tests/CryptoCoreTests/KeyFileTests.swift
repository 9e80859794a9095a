import CryptoCore
import Foundation
import Testing

@Suite struct KeyFileTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keyfile-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    @Test func aFileIsCreatedOnceWithItsModeAndNeverOverwritten() throws {
        let key = folder.appendingPathComponent("a.key.pem")
        try KeyFile.create(KeyFile.Content("first\n", at: key, mode: 0o600))
        let failure = #expect(throws: KeyFile.Failure.self) {
            try KeyFile.create(KeyFile.Content("second\n", at: key, mode: 0o600))
        }
        #expect(failure?.fileExists == true)
        #expect(try String(contentsOf: key, encoding: .utf8) == "first\n")
        let mode = try FileManager.default.attributesOfItem(atPath: key.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.key.pem"])
    }

    /// The third file cannot be created (its folder is missing): the two before it are removed again, so the set
    /// is made whole or not at all.
    @Test func aSetIsCreatedWholeOrNotAtAll() throws {
        let contents = [
            KeyFile.Content("key\n", at: folder.appendingPathComponent("csca.key.pem"), mode: 0o600),
            KeyFile.Content("certificate\n", at: folder.appendingPathComponent("csca.crt.pem"), mode: 0o644),
            KeyFile.Content("key\n", at: folder.appendingPathComponent("missing/dsc.key.pem"), mode: 0o600),
        ]
        let failure = #expect(throws: KeyFile.Failure.self) { try KeyFile.createAll(contents) }
        #expect(failure?.fileExists == false && failure?.number == ENOENT)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)

        try KeyFile.createAll(Array(contents.prefix(2)))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
                "csca.crt.pem", "csca.key.pem",
            ])
    }
}
