import Foundation
import Testing

/// The built `nianbao` executable and a way to run it as an administrator would, with no standard input.
struct NianbaoBinary {
    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The fixtures directory shipped with the unit tests.
    static let fixtures = packageRoot.appendingPathComponent("Tests/ReportValidationTests/Fixtures")

    /// `$NIANBAO_BIN`, else the `nianbao` built next to this test bundle (any `--build-path`), else `.build/debug`.
    static func locate() throws -> URL {
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
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        throw LocateError(tried: candidates.map(\.path))
    }

    struct LocateError: Error, CustomStringConvertible {
        var tried: [String]
        var description: String {
            "nianbao executable not found (build it with `swift build`, or set NIANBAO_BIN); tried: "
                + tried.joined(separator: ", ")
        }
    }

    /// What one run printed and how it ended.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String

        /// Standard output parsed as JSON.
        func json() throws -> Any {
            try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        }
    }

    /// Runs `nianbao arguments…` in the package root; output goes through files so nothing can block on a pipe.
    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = try locate()
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("nianbao-it-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
            FileManager.default.createFile(atPath: errURL.path, contents: nil)
        else { throw CocoaError(.fileWriteUnknown) }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// The fixture whose name starts with `prefix` (e.g. `003`), as a path relative to the package root.
    static func fixture(_ prefix: String) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures.path)
        let name = try #require(names.filter { $0.hasPrefix(prefix + "_") }.sorted().first, "no fixture \(prefix)")
        return "Tests/ReportValidationTests/Fixtures/" + name
    }
}
