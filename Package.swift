// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The core and its stores: async functions run where they are called, so a store's transaction body and the
/// store methods it calls stay on the database's own thread (see `SQLiteDatabase.groupedWrite`).
let storeLayerSettings = swiftSettings + [.enableUpcomingFeature("NonisolatedNonsendingByDefault")]

let package = Package(
    name: "health-services",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "healthctl", targets: ["healthctl"]),
        .library(name: "Certificates", targets: ["Certificates"]),
        .library(name: "ContactTracing", targets: ["ContactTracing"]),
        .library(name: "HealthServices", targets: ["HealthServices"]),
        .library(name: "HealthSQLite", targets: ["HealthSQLite"]),
        .library(name: "HealthPostgres", targets: ["HealthPostgres"]),
        .library(name: "HealthAPI", targets: ["HealthAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        // postgres-nio's own TLS; named here only to configure the connection to PostgreSQL (see PostgresTLS).
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // System libraries. `make deps` (and .ci/run) install the Debian packages named here.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),

        // The one place that talks to OpenSSL; C types never leave it.
        .target(name: "CryptoCore", dependencies: ["COpenSSL"], swiftSettings: swiftSettings),

        // Exact, bounded inflation of one deflate stream, for certificates (zlib) and export zips (raw).
        .target(
            name: "Inflate",
            dependencies: [
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // Pure libraries: no HTTP, no SQLite.
        .target(
            name: "Certificates",
            dependencies: [
                "CryptoCore",
                "CQRencode",
                "Inflate",
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Resources/valuesets"), .copy("Resources/rules")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ContactTracing",
            dependencies: [
                "CryptoCore",
                "Inflate",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),

        // The application, in layers: the services over store protocols, the SQLite stores, the HTTP API.
        .target(
            name: "HealthServices",
            dependencies: [
                "CryptoCore",
                "Certificates",
                "ContactTracing",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: storeLayerSettings
        ),
        .target(
            name: "HealthSQLite",
            dependencies: [
                "CSQLite", "CryptoCore", "HealthServices",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: storeLayerSettings
        ),
        .target(
            name: "HealthPostgres",
            dependencies: [
                "HealthServices",
                "Certificates",
                "ContactTracing",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: storeLayerSettings
        ),
        .target(
            name: "HealthAPI",
            dependencies: [
                "HealthServices",
                "Certificates",
                "ContactTracing",
                "CryptoCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/openapi.json"), .copy("Resources/verifier"), .copy("Resources/dashboard")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "healthctl",
            dependencies: [
                "HealthServices",
                "HealthSQLite",
                "HealthPostgres",
                "HealthAPI",
                "Certificates",
                "ContactTracing",
                "CryptoCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "CryptoCoreTests", dependencies: ["CryptoCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CertificatesTests", dependencies: ["Certificates", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ContactTracingTests",
            dependencies: [
                "ContactTracing",
                "CryptoCore",
                "TestSupport",
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HealthServicesTests",
            dependencies: [
                "HealthServices",
                "HealthSQLite",
                "HealthPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                "HealthAPI",
                "Certificates",
                "ContactTracing",
                "CryptoCore",
                "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "healthctlTests", dependencies: ["healthctl", "TestSupport"], swiftSettings: swiftSettings),
    ]
)
