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
    ],
    targets: [
        // Pure: bytes in, values out. No Glibc, no file, clock or environment access.
        .target(name: "ReportValidation"),
        // Linux: everything that touches the operating system.
        .target(
            name: "Inbox",
            dependencies: [
                "ReportValidation",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "nianbao",
            dependencies: [
                "ReportValidation",
                "Inbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "ReportValidationTests",
            dependencies: ["ReportValidation"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "InboxTests", dependencies: ["Inbox", "ReportValidation"]),
        // Drives the built `nianbao` executable as a user would; depends on no module of the package.
        .testTarget(name: "IntegrationTests"),
    ],
    swiftLanguageModes: [.v6]
)
