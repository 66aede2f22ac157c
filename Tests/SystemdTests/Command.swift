import Foundation
import Glibc
import NianbaoTestSupport

/// Runs a program to the end with no standard input, its output captured through files (the shared
/// ``ProcessRunner``); blocking, which is why the suites here run `.offThePool`.
enum Command {
    typealias Result = ProcessRunner.Outcome

    /// This process's environment without the variables a service manager hands its service
    /// (see ``ProcessRunner/childEnvironment``): a sandbox's systemd, as a container's PID 1, would otherwise tell
    /// another suite's socket that it is ready.
    static var childEnvironment: [String: String] { ProcessRunner.childEnvironment }

    /// Runs `arguments[0]` (an absolute path, or a name looked up in PATH) to its end; kills it and throws only when
    /// it wrote nothing for `stallLimit` seconds.
    @discardableResult
    static func run(_ arguments: [String], stallLimit: Double = ProgressWait.stallLimit) throws -> Result {
        try ProcessRunner.runBlocking(arguments, environment: childEnvironment, stallLimit: stallLimit)
    }

    /// Polls `condition` every 50 ms until it holds; gives up (false, and says so on stderr) only when `progress`
    /// stayed the same for `stallLimit` seconds.
    static func waitUntil<Progress: Equatable>(
        _ expectation: @autoclosure () -> String? = nil, stallLimit: Double = ProgressWait.stallLimit,
        progress: () throws -> Progress, fileID: String = #fileID, line: Int = #line, _ condition: () throws -> Bool
    ) rethrows -> Bool {
        try waitForProgressBlocking(
            expectation() ?? "the condition at \(fileID):\(line)", stallLimit: stallLimit,
            interval: 0.05, progress: progress, until: condition
        ).met
    }

    /// ``waitUntil(_:stallLimit:progress:fileID:line:_:)`` for one event with nothing to count on the way (a unit
    /// becoming active, one journal entry): the stall limit is the whole wait.
    static func waitUntil(
        _ expectation: @autoclosure () -> String? = nil, stallLimit: Double = ProgressWait.stallLimit,
        fileID: String = #fileID, line: Int = #line, _ condition: () throws -> Bool
    ) rethrows -> Bool {
        try waitUntil(expectation(), stallLimit: stallLimit, progress: { 0 }, fileID: fileID, line: line, condition)
    }
}

/// Paths in the source tree and the built `nianbao` (found by the shared `BuiltNianbao`).
enum Package {
    static let root = BuiltNianbao.packageRoot

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The built `nianbao`, or nil when it is not built.
    static func binary() -> String? { BuiltNianbao.locate()?.path }
}
