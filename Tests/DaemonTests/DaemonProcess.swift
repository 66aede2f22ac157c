import Foundation
import Glibc
import NianbaoTestSupport

/// A running `nianbao watch --root R` child process, its captured output, and ways to signal it.
///
/// Spawned with `posix_spawn`, not Foundation's `Process`: the test runner's threads block most
/// signals, `Process` passes that mask on, and a daemon that does not reset it would never hear SIGTERM.
/// Here the child starts as systemd would start it: empty signal mask, default dispositions.
final class DaemonProcess: @unchecked Sendable {
    let root: DaemonRoot
    let pid: pid_t
    let stderrPath: String
    let stdoutPath: String
    private let lock = NSLock()
    private var waitStatus: Int32?
    private static let counterLock = NSLock()
    nonisolated(unsafe) private static var started = 0
    nonisolated(unsafe) private static var probes = 0

    /// How `nianbao watch` ended.
    struct Exit: CustomStringConvertible {
        /// The exit status, or nil when a signal ended it.
        var status: Int32?
        /// The signal that ended it, if any.
        var signal: Int32?
        /// Seconds from the stop request to the exit.
        var seconds: Double
        var description: String {
            (status.map { "exit status \($0)" } ?? "signal \(signal ?? -1)") + String(format: " after %.2f s", seconds)
        }
    }

    /// Starts `nianbao watch --root <root> [--config <config>] extra…` with stdout and stderr captured in files
    /// under `root.logs`. The journal and systemd variables are removed so that logs go to stderr;
    /// `environment` is added (e.g. a test-only switch).
    init(root: DaemonRoot, config: String? = nil, extra: [String] = [], environment added: [String: String] = [:]) throws {
        self.root = root
        let number = Self.counterLock.withLock {
            Self.started += 1
            return Self.started
        }
        stderrPath = root.logs + "/stderr-\(number).txt"
        stdoutPath = root.logs + "/stdout-\(number).txt"
        let executable = try Nianbao.executable().path
        let arguments = [executable, "watch", "--root", root.root] + (config.map { ["--config", $0] } ?? []) + extra
        let removed: Set<String> = ["JOURNAL_STREAM", "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID"]
        let environment = ProcessInfo.processInfo.environment.filter { !removed.contains($0.key) }
            .merging(added) { $1 }.map { "\($0.key)=\($0.value)" }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        var all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let cArguments = arguments.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup($0) } + [nil]
        defer { for pointer in cArguments + cEnvironment { free(pointer) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, cArguments, cEnvironment)
        guard result == 0 else { throw HarnessError("posix_spawn \(executable): \(Posix.describe(result))") }
        pid = child
    }

    deinit {
        if isRunning {
            kill(pid, SIGCONT)
            kill(pid, SIGKILL)
        }
        _ = reap(block: true)
    }

    /// Reaps the child if it has exited (or waits for it when `block`); returns its wait status once known.
    private func reap(block: Bool) -> Int32? {
        lock.withLock {
            if let waitStatus { return waitStatus }
            var status: Int32 = 0
            while true {
                let result = waitpid(pid, &status, block ? 0 : WNOHANG)
                if result == pid {
                    waitStatus = status
                    return status
                }
                if result < 0 && errno == EINTR { continue }
                return nil
            }
        }
    }

    /// Whether the child has not exited yet (a stopped child counts as running).
    var isRunning: Bool { reap(block: false) == nil }

    /// Everything the daemon wrote to stderr so far (lossy UTF-8).
    var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }

    /// Everything the daemon wrote to stderr so far, as bytes.
    var stderrBytes: [UInt8] { (try? Array(Data(contentsOf: URL(fileURLWithPath: stderrPath)))) ?? [] }

    /// The last `count` lines of stderr, for failure messages.
    func stderrTail(_ count: Int = 15) -> String {
        "stderr (last \(count) lines):\n"
            + stderr.split(separator: "\n", omittingEmptySubsequences: false).suffix(count).joined(separator: "\n")
    }

    /// Waits until the daemon has created its folders and has judged a probe file dropped by rename.
    /// The probe is registered with the root like any other drop, so final-state checks count it.
    /// Fails only when the daemon exits or nothing moves for the stall limit (a backlog ahead of the probe is progress).
    func waitUntilReady() throws {
        let folders = [root.inbox, root.accepted, root.rejected, root.work]
        guard Posix.waitUntil("the daemon's folders", { folders.allSatisfy(Posix.isDirectory) || !isRunning }), isRunning else {
            throw HarnessError("nianbao watch did not create \(folders) (running: \(isRunning)); \(stderrTail())")
        }
        let number = Self.counterLock.withLock {
            Self.probes += 1
            return Self.probes
        }
        let name = FileName(utf8: "probe-\(number)-\(UUID().uuidString).txt")
        try root.dropByRename(name, Array("readiness probe \(number) \(UUID().uuidString)\n".utf8))
        let came = Posix.waitUntil(
            "the readiness probe \(name.shown) filed", interval: 0.05,
            progress: { [root.filedCount, Posix.names(in: root.inbox).count] }
        ) {
            !isRunning || root.outputReports().contains { $0.name == name }
        }
        guard came, isRunning else {
            throw HarnessError("the readiness probe \(name.shown) did not come out (running: \(isRunning)); \(stderrTail())")
        }
    }

    /// The number of open file descriptors of the daemon (`/proc/PID/fd`).
    var openDescriptors: Int { Posix.names(in: "/proc/\(pid)/fd").count }

    /// A line of `/proc/PID/status`, e.g. `VmHWM`, as written there ("28812 kB"), or "?".
    func status(_ key: String) -> String {
        let text = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix(key + ":") }
        return line.map { $0.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces) } ?? "?"
    }

    /// Sends `signal` to the daemon.
    func send(_ signal: Int32) { if isRunning { kill(pid, signal) } }

    /// How soon a stop request must end the daemon: the shipped unit's `TimeoutStopSec=30s`, after which systemd
    /// would kill it. The promise is "stops promptly, does not drain the backlog first"; a busy machine may take
    /// a few seconds, systemd's limit is what an administrator sees.
    static let stopLimit: Double = 30

    /// Sends `signal` (SIGTERM by default) and waits up to `timeout` seconds for the exit;
    /// on timeout kills it with SIGKILL and reports that (so the test fails, and nothing is left running).
    @discardableResult
    func stop(_ signal: Int32 = SIGTERM, timeout: Double = DaemonProcess.stopLimit) -> Exit {
        let start = Posix.now()
        if isRunning { kill(pid, signal) }
        return waitForExit(timeout: timeout, since: start)
    }

    /// Waits up to `timeout` seconds (by default the stall limit: for a daemon that must exit by itself, e.g. on a
    /// bad config) for the daemon to exit; SIGKILLs it if it does not.
    func waitForExit(timeout: Double = ProgressWait.stallLimit, since start: Double = Posix.now()) -> Exit {
        // A bounded wait on purpose: this is the promise of a prompt exit (or of a death), not work that drains.
        let exited = waitForProgressBlocking("the daemon to exit", stallLimit: timeout, interval: 0.01, progress: { 0 }) {
            !isRunning
        }.met
        if !exited {
            kill(pid, SIGCONT)
            kill(pid, SIGKILL)
        }
        let status = reap(block: true) ?? 0
        let seconds = Posix.now() - start
        if !exited { return Exit(status: nil, signal: SIGKILL, seconds: seconds) }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as macros.
        if status & 0x7F == 0 { return Exit(status: (status >> 8) & 0xFF, signal: nil, seconds: seconds) }
        return Exit(status: nil, signal: status & 0x7F, seconds: seconds)
    }

    /// `kill -9`, then reaps the process.
    func kill9() {
        if isRunning { kill(pid, SIGKILL) }
        _ = reap(block: true)
    }
}

/// The config file `nianbao watch --config` reads (`etc/nianbao.conf`: systemd-style INI), written for a test.
enum DaemonConfig {
    /// Writes `path` with `[Inbox]` keys (e.g. `("MaximumFileSize", "1K")`, `("RescanInterval", "1s")`)
    /// and `[Findings]` keys; `raw` is appended as it is (to write a broken config).
    static func write(_ path: String, inbox: [(String, String)] = [], findings: [(String, String)] = [], raw: String = "") throws {
        var text = "[Inbox]\n" + inbox.map { "\($0.0)=\($0.1)\n" }.joined()
        if !findings.isEmpty { text += "\n[Findings]\n" + findings.map { "\($0.0)=\($0.1)\n" }.joined() }
        text += raw
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
