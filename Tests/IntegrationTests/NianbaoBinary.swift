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

    /// What one run printed and how it ended (status, stdout, stderr, `json()`).
    typealias Run = ProcessRunner.Outcome

    /// Runs `nianbao arguments…` in the package root through the shared ``ProcessRunner`` (output through files,
    /// so nothing can block on a pipe; killed only if it wrote nothing for the stall limit).
    static func run(_ arguments: [String]) throws -> Run {
        try ProcessRunner.runBlocking(
            [try locate().path] + arguments, environment: ProcessInfo.processInfo.environment,
            currentDirectory: packageRoot)
    }

    /// The fixture whose name starts with `prefix` (e.g. `003`), as a path relative to the package root.
    static func fixture(_ prefix: String) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures.path)
        let name = try #require(names.filter { $0.hasPrefix(prefix + "_") }.sorted().first, "no fixture \(prefix)")
        return "Tests/ReportValidationTests/Fixtures/" + name
    }
}
