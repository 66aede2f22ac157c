import Foundation
import NianbaoTestSupport
import Testing

/// The built `nianbao` executable and a way to run it as an administrator would, with no standard input.
struct NianbaoBinary {
    /// The package root.
    static let packageRoot = BuiltNianbao.packageRoot

    /// The fixtures directory shipped with the unit tests.
    static let fixtures = BuiltNianbao.fixtures

    /// The built `nianbao` (see `BuiltNianbao.candidates()` for where it looks).
    static func locate() throws -> URL {
        guard let binary = BuiltNianbao.locate() else {
            throw LocateError(tried: BuiltNianbao.candidates().map(\.path))
        }
        return binary
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
