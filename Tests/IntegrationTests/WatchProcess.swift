import Foundation
import Glibc
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
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-watch-\(UUID().uuidString)")
        root = scratch.appendingPathComponent("root")
        configPath = scratch.appendingPathComponent("nianbao.conf").path
        stderrURL = scratch.appendingPathComponent("stderr")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        if let config { try writeConfig(config) }
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: scratch)
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

    /// Waits up to `timeout` seconds for the process to exit; returns its status, or nil if it is still running.
    func waitForExit(timeout: Double) -> Int32? {
        guard Self.waitUntil(timeout: timeout, { !self.process.isRunning }) else { return nil }
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
    func waitForFolders(timeout: Double = 20) -> Bool {
        Self.waitUntil(timeout: timeout) {
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

    /// Waits until `name` is in `root/folder` and nothing is left in the inbox.
    func waitForReport(_ name: String, in folder: String, timeout: Double = 20) -> Bool {
        Self.waitUntil(timeout: timeout) { self.names(in: folder).contains(name) && self.names(in: "inbox").isEmpty }
    }

    /// Waits until standard error contains `text`.
    func waitForLog(_ text: String, timeout: Double = 20) -> Bool {
        Self.waitUntil(timeout: timeout) { self.stderr.contains(text) }
    }

    /// Polls `condition` every 20 ms until it holds or `timeout` seconds have passed.
    static func waitUntil(timeout: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }
}
