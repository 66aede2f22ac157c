import Foundation

/// Where the tests that drive the real program find it: the one place the integration, daemon and
/// systemd test targets share.
public enum BuiltNianbao {
    /// The package root, found from this file's path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The sample reports shipped with the unit tests.
    public static let fixtures = packageRoot.appendingPathComponent("Tests/ReportValidationTests/Fixtures")

    /// Where to look, in order: `$NIANBAO_BIN`, the `nianbao` built next to this test bundle (any
    /// `--build-path`), then `.build/debug`.
    public static func candidates() -> [URL] {
        var candidates: [URL] = []
        if let explicit = ProcessInfo.processInfo.environment["NIANBAO_BIN"], !explicit.isEmpty {
            candidates.append(URL(fileURLWithPath: explicit))
        }
        if let runner = Bundle.main.executableURL {
            candidates.append(runner.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("nianbao"))
        }
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("nianbao"))
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/nianbao"))
        return candidates
    }

    /// The first executable candidate, or nil when nianbao is not built.
    public static func locate() -> URL? {
        candidates().first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
