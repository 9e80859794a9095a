// swift-tools-version:6.2
// libFuzzer harnesses over the repository's libraries. Not part of the main package: `scripts/fuzz.sh TARGET SECONDS`
// builds them with -sanitize=fuzzer,address (and testable imports, for the internal parsers) into .build-fuzz.
import Foundation
import PackageDescription

/// The main package is one directory up; SwiftPM names a path dependency after its directory.
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let main = repository.lastPathComponent.lowercased()

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// One harness executable: its own file plus the shared driver.
func harness(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzDriver"] + products.map { .product(name: $0, package: main) },
        swiftSettings: swiftSettings
    )
}

let package = Package(
    name: "Fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: repository.path)],
    targets: [
        .target(name: "FuzzDriver", swiftSettings: swiftSettings),
        harness("HC1Fuzz", ["Certificates"]),
        harness("SHCFuzz", ["Certificates"]),
        harness("ExportFuzz", ["ContactTracing"]),
        harness("StrictBodyFuzz", ["HealthAPI"]),
        harness("LabBatchFuzz", ["HealthServices"]),
        harness("FHIRImportFuzz", ["HealthServices"]),
        harness("CSVImportFuzz", ["HealthServices"]),
    ]
)
