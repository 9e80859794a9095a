// swift-tools-version:6.2
// libFuzzer target for the key export reader. Build and run with Fuzz/run-export-fuzz.sh (needs the
// -sanitize=fuzzer flags the script passes); it is not part of the main package or of CI.
import Foundation
import PackageDescription

/// The main package is two directories up; SwiftPM names a path dependency after its directory.
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

let package = Package(
    name: "ExportFuzz",
    dependencies: [.package(path: repository.path)],
    targets: [
        .executableTarget(
            name: "ExportFuzz",
            dependencies: [.product(name: "ContactTracing", package: repository.lastPathComponent.lowercased())]
        )
    ]
)
