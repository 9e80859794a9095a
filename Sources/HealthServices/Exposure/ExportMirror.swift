import Foundation

/// The export files of one region as plain files in a directory (`DATA/exports/`), for a static server or CDN:
/// brought in line with the database after every export run.
struct ExportMirror {
    let directory: URL
    let region: String

    /// Writes the batch files the directory lacks and `index.txt`, and removes the region's batch files that
    /// retention deleted. Each write replaces its file atomically, so a reader never sees half a file.
    func sync(with exports: ExposureExportService) async throws {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        let index = try await exports.index()
        let names = Set(String(decoding: index.contents, as: UTF8.self).split(separator: "\n").map(String.init))
        let present = Set(try fileManager.contentsOfDirectory(atPath: directory.path))
        for name in names.subtracting(present) {
            guard let file = try await exports.file(named: name) else { continue }
            try Data(file.contents).write(to: directory.appendingPathComponent(name), options: .atomic)
        }
        for name in present.subtracting(names) where name.hasPrefix("\(region)-") && name.hasSuffix(".zip") {
            try? fileManager.removeItem(at: directory.appendingPathComponent(name))
        }
        try Data(index.contents).write(
            to: directory.appendingPathComponent(ExposureExportService.indexFileName), options: .atomic)
    }
}
