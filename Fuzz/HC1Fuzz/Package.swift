// swift-tools-version:6.2
// libFuzzer harness for the HC1 decoding chain. Built by Fuzz/run-hc1-fuzz.sh with -sanitize=fuzzer,address;
// Sources/ holds symlinks to the real library targets of the repository.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "HC1Fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl"),
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode"),
        .target(name: "CryptoCore", dependencies: ["COpenSSL"], swiftSettings: swiftSettings),
        .target(
            name: "Certificates",
            dependencies: [
                "CryptoCore",
                "CQRencode",
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "HC1Fuzz", dependencies: ["Certificates"], swiftSettings: swiftSettings),
    ]
)
