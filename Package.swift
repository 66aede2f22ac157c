// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "nianbao",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "nianbao", targets: ["nianbao"]),
        .library(name: "ReportValidation", targets: ["ReportValidation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.21.0"),
    ],
    targets: [
        // Pure: bytes in, values out. No Glibc, no file, clock or environment access.
        .target(name: "ReportValidation"),
        // glibc calls Swift cannot see (renameat2 needs _GNU_SOURCE): a tiny prefixed shim.
        .target(name: "CLinuxShims"),
        // libsystemd (sd_notify, sd_journal_sendv) through a prefixed shim header; needs libsystemd-dev.
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        // Linux: everything that touches the operating system.
        .target(
            name: "Inbox",
            dependencies: [
                "ReportValidation",
                "CLinuxShims",
                "CSystemd",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        // Linux: the register of every filed report (embedded SQLite, or a shared PostgreSQL server).
        .target(
            name: "Register",
            dependencies: [
                "ReportValidation",
                "Inbox",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        // Linux: the notifier's I/O (mail through sendmail, chat robots and webhooks over HTTP, a command hook).
        .target(
            name: "Notify",
            dependencies: [
                "ReportValidation",
                "Inbox",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        .executableTarget(
            name: "nianbao",
            dependencies: [
                "ReportValidation",
                "Inbox",
                "Register",
                "Notify",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "ReportValidationTests",
            dependencies: ["ReportValidation", "NianbaoTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "InboxTests", dependencies: ["Inbox", "ReportValidation", "NianbaoTestSupport"]),
        .testTarget(
            name: "RegisterTests",
            dependencies: [
                "Register", "Inbox", "ReportValidation", "NianbaoTestSupport", .product(name: "Crypto", package: "swift-crypto"),
                // To make a register as an earlier version wrote it, for the migration tests.
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
            ]),
        .testTarget(name: "NotifyTests", dependencies: ["Notify", "Inbox", "ReportValidation", "NianbaoTestSupport"]),
        // Shared by the test targets, depends on no module of the package: how the tests that drive the real
        // program find it, waits on progress, the process runner, threads off the cooperative pool, temp roots,
        // the captured log, the shared corpus, a ZIP writer, and the PDF and Word files they drop.
        .target(
            name: "NianbaoTestSupport", dependencies: [.product(name: "Logging", package: "swift-log")],
            path: "Tests/NianbaoTestSupport"),
        // Drives the built `nianbao` executable as a user would; depends on no module of the package.
        .testTarget(name: "IntegrationTests", dependencies: ["NianbaoTestSupport"]),
        // Drives `nianbao watch` on temporary folders: drops, bursts, kill -9, hostile input, faults.
        .testTarget(name: "DaemonTests", dependencies: ["NianbaoTestSupport"]),
        // Boots a real systemd + journald in a private PID/mount namespace and runs the shipped unit (root only).
        .testTarget(name: "SystemdTests", dependencies: ["NianbaoTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
