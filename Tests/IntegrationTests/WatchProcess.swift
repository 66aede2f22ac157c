import Foundation
import Glibc
import NianbaoTestSupport
import Testing

/// A `nianbao watch` child process on a temporary root, with its standard error captured in a file.
final class WatchProcess {
    /// The temporary folder holding the root, the config file and the captured output.
    let scratch: URL
    /// The daemon's root folder (`scratch/root`), created by the daemon itself.
    let root: URL
    /// A config file path inside the scratch folder, for tests that write one.
    let configPath: String
    private let process = Process()
    private let stderrURL: URL

    /// Makes a scratch folder; `config` (if given) is written to ``configPath`` before anything starts.
    init(config: String? = nil) throws {
        scratch = try TemporaryRoot.make("watch")
        root = scratch.appendingPathComponent("root")
        configPath = scratch.appendingPathComponent("nianbao.conf").path
        stderrURL = scratch.appendingPathComponent("stderr")
        if let config { try writeConfig(config) }
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        TemporaryRoot.remove(scratch.path)
    }

    /// Replaces the config file (by rename, as an editor or config management would).
    func writeConfig(_ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: configPath), options: .atomic)
    }

    /// Starts `nianbao arguments…` with no journal or systemd in the environment, plus `environment`.
    func start(_ arguments: [String], environment extra: [String: String] = [:]) throws {
        guard FileManager.default.createFile(atPath: stderrURL.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        process.executableURL = try NianbaoBinary.locate()
        process.arguments = arguments
        process.currentDirectoryURL = NianbaoBinary.packageRoot
        var environment = ProcessInfo.processInfo.environment
        for name in ["JOURNAL_STREAM", "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"] { environment[name] = nil }
        environment.merge(extra) { _, new in new }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
    }

    /// Starts `nianbao watch --root ROOT --config CONFIG --log-target stderr`: the config file isolates the
    /// test from /etc, and the log stays on standard error even where journald runs.
    func startWatching(environment: [String: String] = [:]) throws {
        if !FileManager.default.fileExists(atPath: configPath) { try writeConfig("") }
        try start(["watch", "--root", root.path, "--config", configPath, "--log-target", "stderr"], environment: environment)
    }

    var isRunning: Bool { process.isRunning }

    /// Everything written to standard error so far.
    var stderr: String {
        String(decoding: (try? Data(contentsOf: stderrURL)) ?? Data(), as: UTF8.self)
    }

    /// Sends `signal` to the process.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the process to exit by itself (a stop request, a bad config…), at most the stall limit; returns its
    /// status, or nil if it is still running.
    func waitForExit() -> Int32? {
        guard Self.waitUntil("nianbao to exit", { !self.process.isRunning }) else { return nil }
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }

    /// `root/folder`.
    func folder(_ name: String) -> URL { root.appendingPathComponent(name) }

    /// The names in `root/folder`, sorted (empty if it cannot be listed).
    func names(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: self.folder(folder).path)) ?? []).sorted()
    }

    /// Waits until the daemon has made its four folders.
    func waitForFolders() -> Bool {
        Self.waitUntil("the four folders") {
            ["inbox", "accepted", "rejected", ".work"].allSatisfy { name in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: self.folder(name).path, isDirectory: &isDirectory)
                    && isDirectory.boolValue
            }
        }
    }

    /// Drops `bytes` into the inbox as `name` the way an uploader that renames does: written beside, moved in.
    func drop(_ name: String, _ bytes: Data) throws {
        let staging = root.appendingPathComponent(".staging-\(UUID().uuidString)")
        try bytes.write(to: staging)
        try FileManager.default.moveItem(at: staging, to: folder("inbox").appendingPathComponent(name))
    }

    /// Drops the sample report whose name starts with `prefix`, under `name` (default: the sample's name).
    @discardableResult
    func dropFixture(_ prefix: String, as name: String? = nil) throws -> (name: String, bytes: Data) {
        let path = try NianbaoBinary.fixture(prefix)
        let bytes = try Data(contentsOf: NianbaoBinary.packageRoot.appendingPathComponent(path))
        let finalName = name ?? URL(fileURLWithPath: path).lastPathComponent
        try drop(finalName, bytes)
        return (finalName, bytes)
    }

    /// Waits until `name` is in `root/folder` and nothing is left in the inbox; fails only when neither the inbox
    /// nor the output folders changed for the stall limit.
    func waitForReport(_ name: String, in folder: String) -> Bool {
        Self.waitUntil(
            "\(folder)/\(name), inbox empty",
            progress: { [self.names(in: "inbox").count, self.names(in: "accepted").count, self.names(in: "rejected").count] }
        ) {
            self.names(in: folder).contains(name) && self.names(in: "inbox").isEmpty
        }
    }

    /// Waits until standard error contains `text` (fails when stderr did not grow for the stall limit).
    func waitForLog(_ text: String) -> Bool {
        Self.waitUntil("\"\(text)\" on stderr", progress: { self.stderr.utf8.count }) { self.stderr.contains(text) }
    }

    /// Polls `condition` every 20 ms until it holds; gives up only when `progress` stayed the same for the stall
    /// limit. Blocks the thread: the suites that use it run `.offThePool`.
    static func waitUntil<Progress: Equatable>(_ expectation: String, progress: () -> Progress, _ condition: () -> Bool) -> Bool {
        waitForProgressBlocking(expectation, progress: progress, until: condition).met
    }

    /// ``waitUntil(_:progress:_:)`` for one event with nothing to count on the way.
    static func waitUntil(_ expectation: String, _ condition: () -> Bool) -> Bool {
        waitUntil(expectation, progress: { 0 }, condition)
    }
}
