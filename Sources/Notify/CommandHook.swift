import Inbox
import Logging
import ReportValidation
import SystemPackage

/// The command hook: runs an administrator's program for each batch with the notification document
/// (docs/notifications.md) on its standard input, for whatever nianbao does not speak itself.
///
/// The program is an absolute path, run without a shell, with a clean environment (`PATH`, `LANG` and
/// the `NIANBAO_*` variables below), in a process group of its own that is killed at the time limit,
/// its output captured and capped. As with an MTA's pipe delivery: exit 0 is delivered, 75
/// (`EX_TEMPFAIL`), a crash or the time limit mean "try again later", any other status is a refusal.
package struct CommandHook: Sendable {
    package var name: String
    /// `Exec=`: an absolute path.
    package var executable: String
    package var arguments: [String]
    package var timeLimit: Duration
    /// Most bytes of standard output kept (and shown by `nianbao notify --test`); more ends the run.
    package var outputLimit: Int
    let runner: HookRunner
    let logger: Logger

    package static let defaultTimeLimit: Duration = .seconds(30)
    package static let defaultOutputLimit = 64 << 10
    /// The exit status a hook returns to be run again later (sysexits.h `EX_TEMPFAIL`).
    package static let temporaryFailure: CInt = 75

    /// - Throws: ``SystemCallError`` when the hook's thread cannot be started.
    package init(
        name: String, executable: String, arguments: [String] = [], timeLimit: Duration = defaultTimeLimit,
        outputLimit: Int = defaultOutputLimit, logger: Logger
    ) throws(SystemCallError) {
        self.name = name
        self.executable = executable
        self.arguments = arguments
        self.timeLimit = timeLimit
        self.outputLimit = outputLimit
        self.runner = HookRunner(executor: try DedicatedThreadExecutor(name: "nianbao-hook"))
        self.logger = logger
    }

    /// The child's whole environment: nothing of nianbao's own (no credentials directory, no sockets).
    package func environment(for notices: [Notification]) -> [String] {
        environment(count: notices.count)
    }

    /// The child's environment for a document of `count` notifications.
    package func environment(count: Int) -> [String] {
        [
            "PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8",
            "NIANBAO_HOOK=\(name)", "NIANBAO_NOTIFICATIONS=\(count)",
            "NIANBAO_SCHEMA_VERSION=\(RobotPayload.webhookVersion)",
        ]
    }

    /// Runs the hook once for `notices`, off Swift's cooperative pool.
    package func run(_ notices: [Notification]) async -> DeliveryOutcome {
        guard !notices.isEmpty else { return .delivered(answer: "nothing to send") }
        return await run(document: RobotPayload.webhook(notices), count: notices.count)
    }

    /// Runs the hook once with `document` (of `count` notifications or messages) on its standard input.
    package func run(document: [UInt8], count: Int) async -> DeliveryOutcome {
        guard executable.hasPrefix("/") else {
            return .permanent(reason: "Exec=\(executable) is not an absolute path")
        }
        let process = PipedProcess(
            executable: executable, arguments: arguments, environment: environment(count: count),
            timeLimit: timeLimit, outputLimit: outputLimit)
        let outcome = Self.outcome(of: await runner.run(process, input: document), process: process)
        let metadata: Logger.Metadata = ["channel": "\(name)", "kind": "command", "notifications": "\(count)"]
        switch outcome {
        case .delivered(let answer): logger.info("hook \(name) ran: \(answer)", metadata: metadata)
        case .retryable(let reason, _): logger.warning("hook \(name) will be run again: \(reason)", metadata: metadata)
        case .permanent(let reason): logger.error("hook \(name) cannot run: \(reason)", metadata: metadata)
        }
        return outcome
    }

    /// What a run means for the outbox.
    static func outcome(of result: Result<PipedProcess.Outcome, SystemCallError>, process: PipedProcess) -> DeliveryOutcome {
        switch result {
        case .failure(let error) where error.call == "posix_spawn" && error.errno == .textFileBusy:
            // Being replaced right now (an editor or package manager has it open for writing).
            return .retryable(reason: "\(process.executable) is being written: \(error.errno)", after: nil)
        case .failure(let error) where error.call == "posix_spawn":
            // Missing, not executable, a bad interpreter line: a configuration error a retry cannot fix.
            return .permanent(reason: "\(process.executable) could not be started: \(error.errno)")
        case .failure(let error):
            return .retryable(reason: "the hook could not be run: \(error)", after: nil)
        case .success(.exited(0, let output, _)):
            return .delivered(answer: "exit 0" + said(output))
        case .success(.exited(let status, _, let error)):
            let reason = "exit status \(status)" + said(error)
            return status == temporaryFailure ? .retryable(reason: reason, after: nil) : .permanent(reason: reason)
        case .success(.signalled(let signal, let error)):
            return .retryable(reason: "ended by signal \(signal)" + said(error), after: nil)
        case .success(.timedOut):
            return .retryable(
                reason: "still running after \(process.timeLimit.components.seconds) s; killed with its process group", after: nil)
        case .success(.outputTooLarge):
            return .retryable(reason: "wrote more than \(process.outputLimit) bytes; killed", after: nil)
        }
    }

    /// `: ` and the first line the program wrote, up to 200 characters.
    static func said(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        guard let first = text.split(whereSeparator: \.isNewline).first(where: { !$0.allSatisfy(\.isWhitespace) }) else { return "" }
        return ": " + first.prefix(200)
    }
}

/// Runs hooks on a thread of its own: a run blocks in `poll` for up to its time limit.
actor HookRunner {
    nonisolated let executor: DedicatedThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    init(executor: DedicatedThreadExecutor) {
        self.executor = executor
    }

    func run(_ process: PipedProcess, input: [UInt8]) -> Result<PipedProcess.Outcome, SystemCallError> {
        Result { () throws(SystemCallError) in try process.run(input: input) }
    }

    deinit { executor.stop() }
}
