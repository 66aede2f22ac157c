import Foundation
import Glibc
import NianbaoTestSupport
import Notify
import ReportValidation
import Testing

/// The command hook with real shell scripts: what it is given, and what its exit, a hang or a flood mean.
@Suite("command hook")
struct CommandHookTests {
    /// A folder holding one executable `hook` script; `$DIR` in the body stands for the folder.
    struct Script {
        let folder: String
        var path: String { folder + "/hook" }

        init(_ body: String) throws {
            folder = try TemporaryRoot.makePath("hook")
            let text = "#!/bin/sh\n" + body.replacingOccurrences(of: "$DIR", with: folder)
            try ScriptFile.write(path, text)
        }

        func hook(
            timeLimit: Duration = CommandHook.defaultTimeLimit, outputLimit: Int = CommandHook.defaultOutputLimit,
            log: CapturedLog = CapturedLog()
        )
            throws -> CommandHook
        {
            try CommandHook(name: "archive", executable: path, timeLimit: timeLimit, outputLimit: outputLimit, logger: log.logger)
        }

        func read(_ name: String) throws -> String { try String(contentsOfFile: folder + "/" + name, encoding: .utf8) }
    }

    /// How long the scripts that must be killed would live by themselves: that the call returns at all shows
    /// they were killed; it is the child's own lifetime, not a budget for the machine.
    static let childLifetime = 600

    @Test("the hook gets the notification document on standard input and a clean environment")
    func documentOnStandardInput() async throws {
        let script = try Script("cat > $DIR/stdin\nenv > $DIR/env\necho stored")
        let outcome = await try script.hook().run([SampleNotices.rejected(), SampleNotices.accepted()])
        #expect(outcome == .delivered(answer: "exit 0: stored"))
        let document = try JSONSerialization.jsonObject(with: Data(try script.read("stdin").utf8)) as? [String: Any]
        #expect(document?["schema"] as? String == "nianbao.notification")
        #expect(document?["version"] as? Int == 1)
        let notifications = document?["notifications"] as? [[String: Any]] ?? []
        #expect(notifications.map { $0["verdict"] as? String } == ["rejected", "accepted"])
        #expect(notifications.first?["agency"] as? String == "温县人民政府办公室")
        let names = Set(try script.read("env").split(separator: "\n").compactMap { $0.split(separator: "=").first.map(String.init) })
        // sh adds PWD (and SHLVL, _ on some shells); nothing of the notifier's own environment arrives.
        #expect(
            names.isSubset(of: ["PATH", "LANG", "NIANBAO_HOOK", "NIANBAO_NOTIFICATIONS", "NIANBAO_SCHEMA_VERSION", "PWD", "SHLVL", "_"]),
            "\(names)")
        #expect(names.isSuperset(of: ["NIANBAO_HOOK", "NIANBAO_NOTIFICATIONS"]))
    }

    @Test(
        "an exit status is read as an MTA reads a pipe's: 0 delivered, 75 later, others refused",
        arguments: [(0, "delivered"), (75, "retryable"), (1, "permanent"), (2, "permanent")])
    func exitStatus(status: Int, expected: String) async throws {
        let script = try Script("cat > /dev/null\necho 'archive is full' >&2\nexit \(status)")
        let outcome = await try script.hook().run([SampleNotices.rejected()])
        switch outcome {
        case .delivered: #expect(expected == "delivered")
        case .retryable(let reason, _):
            #expect(expected == "retryable")
            #expect(reason == "exit status \(status): archive is full")
        case .permanent(let reason):
            #expect(expected == "permanent")
            #expect(reason == "exit status \(status): archive is full")
        }
    }

    @Test("a hook still running at its time limit is killed with what it started, and retried later")
    func timeLimit() async throws {
        let script = try Script("echo $$ > $DIR/pid\n/bin/sleep \(Self.childLifetime) &\necho $! > $DIR/child\nwait")
        let outcome = await try script.hook(timeLimit: .seconds(1)).run([SampleNotices.rejected()])
        #expect(outcome.isRetryable, "\(outcome)")
        let child = try #require(pid_t(try script.read("child").trimmingCharacters(in: .whitespacesAndNewlines)))
        // The group was sent SIGKILL before deliver returned; the orphan is reaped by init soon after.
        #expect(await eventually("the hook's own child to be gone") { Self.isDead(child) })
    }

    @Test("a hook that writes without end is killed at the output cap")
    func outputCap() async throws {
        let script = try Script("exec /usr/bin/yes nianbao")
        let outcome = await try script.hook(outputLimit: 1 << 20).run([SampleNotices.rejected()])
        #expect(outcome == .retryable(reason: "wrote more than 1048576 bytes; killed", after: nil))
    }

    @Test("a large notification document reaches a hook that reads it all")
    func largeInput() async throws {
        let script = try Script("wc -c > $DIR/count")
        let burst = (1...2000).map { SampleNotices.rejected($0) }
        let outcome = await try script.hook().run(burst)
        #expect(outcome.isDelivered, "\(outcome)")
        let count = Int(try script.read("count").trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(count == RobotPayload.webhook(burst).count)
    }

    @Test("a hook that cannot be started is a configuration error, not retried", arguments: ["/nonexistent/hook", "relative/hook"])
    func unstartable(path: String) async throws {
        let hook = try CommandHook(name: "archive", executable: path, logger: CapturedLog().logger)
        let outcome = await hook.run([SampleNotices.rejected()])
        guard case .permanent = outcome else {
            Issue.record("expected a permanent failure, got \(outcome)")
            return
        }
    }

    /// True when `pid` no longer runs: gone, or a zombie.
    static func isDead(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        return stat.split(separator: ")").last?.split(separator: " ").first == "Z"
    }
}
