import Foundation

/// Runs a program to its end with no standard input, its output captured through files (never a pipe that can
/// fill), and waits without a fixed deadline: a child is killed only when it wrote nothing for the stall limit.
public enum ProcessRunner {
    /// What one run printed and how it ended.
    public struct Outcome: CustomStringConvertible, Sendable {
        /// The exit status, or 128 + the signal that ended it.
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }

        /// Standard output parsed as JSON.
        public func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
    }

    /// A child that wrote nothing for the stall limit and was killed.
    public struct Stalled: Error, CustomStringConvertible {
        public var arguments: [String]
        public var seconds: Double
        public var stdout: String
        public var stderr: String
        public var description: String {
            "\(arguments.joined(separator: " ")) wrote nothing for \(Int(seconds)) s and was killed\nstdout: \(stdout)\nstderr: \(stderr)"
        }
    }

    /// This process's environment without the variables a service manager hands its service (`NOTIFY_SOCKET`,
    /// `WATCHDOG_*`, `JOURNAL_STREAM`, `LISTEN_*`): some suites set `NOTIFY_SOCKET` to sockets of their own for a
    /// moment, and a child must never report to them.
    public static var childEnvironment: [String: String] {
        let managerVariables: Set<String> = [
            "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES",
        ]
        return ProcessInfo.processInfo.environment.filter { !managerVariables.contains($0.key) }
    }

    /// Runs `arguments[0]` (an absolute path, or a name looked up in PATH) and waits for it on a sleeping task.
    public static func run(
        _ arguments: [String], environment: [String: String] = childEnvironment,
        currentDirectory: URL? = nil, stallLimit: Double = ProgressWait.stallLimit
    ) async throws -> Outcome {
        let child = try Child(arguments, environment: environment, currentDirectory: currentDirectory)
        defer { child.cleanUp() }
        let waited = await waitForProgress(
            "\(arguments.first ?? "?") to exit", stallLimit: stallLimit,
            interval: .milliseconds(10), progress: { child.outputSize }, until: { !child.process.isRunning })
        return try child.finish(exited: waited.met, stallLimit: stallLimit)
    }

    /// ``run(_:environment:currentDirectory:stallLimit:)`` for synchronous code: blocks the calling thread, so
    /// call it only off Swift's cooperative pool (the `.offThePool` trait).
    public static func runBlocking(
        _ arguments: [String], environment: [String: String] = childEnvironment,
        currentDirectory: URL? = nil, stallLimit: Double = ProgressWait.stallLimit
    ) throws -> Outcome {
        let child = try Child(arguments, environment: environment, currentDirectory: currentDirectory)
        defer { child.cleanUp() }
        let waited = waitForProgressBlocking(
            "\(arguments.first ?? "?") to exit", stallLimit: stallLimit,
            interval: 0.01, progress: { child.outputSize }, until: { !child.process.isRunning })
        return try child.finish(exited: waited.met, stallLimit: stallLimit)
    }

    /// One started child and its output files.
    private final class Child {
        let arguments: [String]
        let process = Process()
        let scratch: URL
        let out: URL
        let err: URL

        init(_ arguments: [String], environment: [String: String], currentDirectory: URL?) throws {
            self.arguments = arguments
            scratch = try TemporaryRoot.make("cmd")
            out = scratch.appendingPathComponent("stdout")
            err = scratch.appendingPathComponent("stderr")
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            _ = FileManager.default.createFile(atPath: err.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: arguments.first?.hasPrefix("/") == true ? arguments[0] : "/usr/bin/env")
            process.arguments = arguments.first?.hasPrefix("/") == true ? Array(arguments.dropFirst()) : arguments
            process.environment = environment
            if let currentDirectory { process.currentDirectoryURL = currentDirectory }
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            try process.run()
        }

        /// Bytes written to stdout and stderr so far: the progress measure.
        var outputSize: [UInt64] {
            [out, err].map { ((try? FileManager.default.attributesOfItem(atPath: $0.path)[.size]) as? UInt64) ?? 0 }
        }

        func text(_ url: URL) -> String { String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self) }

        func finish(exited: Bool, stallLimit: Double) throws -> Outcome {
            if !exited {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw Stalled(arguments: arguments, seconds: stallLimit, stdout: text(out), stderr: text(err))
            }
            process.waitUntilExit()  // it has exited: this only collects the status
            let status = process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
            return Outcome(status: status, stdout: text(out), stderr: text(err))
        }

        func cleanUp() {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            try? FileManager.default.removeItem(at: scratch)
        }
    }
}
