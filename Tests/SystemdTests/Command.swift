import Foundation
import NianbaoTestSupport
import Glibc

/// Runs a program to the end with no standard input, its output captured through files (never a pipe that can fill).
struct Command {
    struct Result: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
    }

    /// This process's environment without the variables a service manager hands its service
    /// (`NOTIFY_SOCKET`, `WATCHDOG_*`, `JOURNAL_STREAM`, `LISTEN_*`). Other suites of the test process set
    /// `NOTIFY_SOCKET` to sockets of their own for a moment; a child must never report to them (a sandbox's
    /// systemd, as a container's PID 1, would tell its "container manager" that it is ready).
    static var childEnvironment: [String: String] {
        let managerVariables: Set<String> = [
            "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES",
        ]
        return ProcessInfo.processInfo.environment.filter { !managerVariables.contains($0.key) }
    }

    /// Runs `arguments[0]` (an absolute path, or a name looked up in PATH) and waits at most `timeout` seconds.
    @discardableResult
    static func run(_ arguments: [String], timeout: Double = 60) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out"), err = scratch.appendingPathComponent("err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = childEnvironment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw TimedOut(arguments: arguments, seconds: timeout)
        }
        return Result(status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    struct TimedOut: Error, CustomStringConvertible {
        var arguments: [String]
        var seconds: Double
        var description: String { "\(arguments.joined(separator: " ")) still running after \(seconds) s" }
    }

    /// Polls `condition` every 50 ms until it holds or `timeout` seconds pass; returns whether it held.
    static func waitUntil(timeout: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if try condition() { return true }
            usleep(50_000)
        } while Date() < deadline
        return try condition()
    }
}

/// Paths in the source tree and the built `nianbao` (found by the shared `BuiltNianbao`).
enum Package {
    static let root = BuiltNianbao.packageRoot

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The built `nianbao`, or nil when it is not built.
    static func binary() -> String? { BuiltNianbao.locate()?.path }
}
