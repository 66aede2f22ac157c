import Foundation
import Glibc
import NianbaoTestSupport
import Testing

/// `nianbao watch` queues, `nianbao notify` delivers, both the real built binary on a temporary root: to
/// `scripts/robot-test-server` as a signed webhook and to a command hook. Each verdict arrives once; a
/// channel down, then up, gets everything after a retry; a notifier killed with SIGKILL mid-delivery
/// loses nothing (the resend has the same id); past the maximum age a notification is dropped and logged.
@Suite(.serialized, .offThePool) struct NotifyCommandTests {
    static let secret = RobotTestServer.secret

    /// A `nianbao notify` (or a second `nianbao watch`) child on the watch's root and config, logging to a file.
    final class Notifier {
        let process = Process()
        let logURL: URL

        init(_ watch: WatchProcess, credentials: String, label: String = "notify", command: String = "notify") throws {
            logURL = watch.scratch.appendingPathComponent("\(label)-\(UUID().uuidString.prefix(6)).log")
            FileManager.default.createFile(atPath: logURL.path, contents: nil)
            process.executableURL = try NianbaoBinary.locate()
            process.arguments = [command, "--root", watch.root.path, "--config", watch.configPath, "--log-target", "stderr"]
            var environment = ProcessInfo.processInfo.environment
            for name in ["JOURNAL_STREAM", "NOTIFY_SOCKET", "STATE_DIRECTORY", "WATCHDOG_USEC"] { environment[name] = nil }
            environment["CREDENTIALS_DIRECTORY"] = credentials
            process.environment = environment
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: logURL)
            try process.run()
        }

        var log: String { String(decoding: (try? Data(contentsOf: logURL)) ?? Data(), as: UTF8.self) }

        func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

        func kill9() {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }

        deinit { if process.isRunning { kill9() } }
    }

    /// The deliveries `server` verified: the `X-Nianbao-Delivery` header of each request.
    static func deliveries(_ server: RobotTestServer) -> [String] {
        ((try? server.requests()) ?? []).compactMap { entry in
            guard entry["verified"] as? Bool == true, let headers = entry["headers"] as? [String: String] else { return nil }
            return headers["x-nianbao-delivery"]
        }
    }

    /// The notification ids in a file the hook appends its standard input to.
    static func ids(in path: String) -> [String] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.matches(of: /"id":"(nb-[0-9a-f]{32})"/).map { String($0.output.1) }
    }

    /// A scratch folder holding the credential (the webhook's signing secret) and the hook script.
    static func credentials(_ watch: WatchProcess) throws -> String {
        let folder = watch.scratch.appendingPathComponent("credentials").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(secret.utf8).write(to: URL(fileURLWithPath: folder + "/nianbao_webhook-secret"))
        return folder
    }

    static func config(webhookPort: Int?, hook: String?, maximumAge: String = "2d") -> String {
        var text = "[Notify]\nMaximumAge=\(maximumAge)\nRetryDelay=100ms\nMaximumRetryDelay=500ms\n"
        if let webhookPort {
            text +=
                "[Notify.office-hook]\nType=webhook\nURL=http://127.0.0.1:\(webhookPort)/ok/webhook\nSecret=webhook-secret\nTimeLimit=5s\n"
        }
        if let hook { text += "[Notify.archive]\nType=exec\nExec=\(hook)\n" }
        return text
    }

    func outbox(_ watch: WatchProcess, _ folder: String = "") -> [String] {
        let path = watch.root.appendingPathComponent(".outbox/" + folder).path
        return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
    }

    @Test("Every verdict reaches the webhook and the hook once; the webhook, down at first, gets them after a retry")
    func deliversOnceAndAfterAnOutage() throws {
        let watch = try WatchProcess()
        // Learn a free port, then take the receiver down: the first deliveries are refused.
        let first = try RobotTestServer()
        let port = first.port
        first.stop()
        let hook = watch.scratch.appendingPathComponent("hook").path
        try ScriptFile.write(hook, "#!/bin/sh\ncat >> \(watch.scratch.path)/hooked\necho >> \(watch.scratch.path)/hooked\n")
        try watch.writeConfig(Self.config(webhookPort: port, hook: hook))
        try watch.startWatching()
        #expect(watch.waitForFolders(), "stderr: \(watch.stderr)")
        let notifier = try Notifier(watch, credentials: try Self.credentials(watch))
        let good = try watch.dropFixture("000")
        let bad = try watch.dropFixture("003")
        let other = try watch.dropFixture("003", as: "another.txt")
        for (name, folder) in [(good.name, "accepted"), (bad.name, "rejected"), (other.name, "rejected")] {
            #expect(watch.waitForReport(name, in: folder), "stderr: \(watch.stderr)")
        }
        let hooked = watch.scratch.appendingPathComponent("hooked").path
        #expect(
            WatchProcess.waitUntil("3 ids through the hook", progress: { Self.ids(in: hooked).count }) {
                Set(Self.ids(in: hooked)).count == 3
            },
            "notify: \(notifier.log)")
        #expect(
            WatchProcess.waitUntil("a retry of the webhook", progress: { notifier.log.utf8.count }) {
                notifier.log.contains("will be retried")
            },
            "notify: \(notifier.log)")
        let receiver = try RobotTestServer(port: port)
        #expect(
            WatchProcess.waitUntil("the outbox to empty", progress: { [self.outbox(watch).count, Self.deliveries(receiver).count] }) {
                self.outbox(watch).isEmpty
            }, "notify: \(notifier.log)")
        #expect(Self.ids(in: hooked).count == 3, "each verdict ran the hook once")
        let delivered = Self.deliveries(receiver)
        #expect(!delivered.isEmpty && Set(delivered).count == delivered.count, "no delivery twice: \(delivered)")
        #expect(outbox(watch, "sent").count == 6 && outbox(watch, "dropped").isEmpty)
        let pending = try NianbaoBinary.run(["notify", "--pending", "--root", watch.root.path, "--config", watch.configPath])
        #expect(pending.stdout.contains("0 waiting, 6 sent, 0 dropped"), "\(pending.stdout)")
    }

    /// `systemctl reload nianbao` as both units see it: the config replaced, SIGHUP to each, and each saying so.
    func reload(_ watch: WatchProcess, _ notifier: Notifier, to config: String, daemonSays: String, notifierSays: String) throws {
        try watch.writeConfig(config)
        watch.send(SIGHUP)
        notifier.send(SIGHUP)
        #expect(watch.waitForLog(daemonSays), "stderr: \(watch.stderr)")
        #expect(
            WatchProcess.waitUntil("\"\(notifierSays)\" from the notifier", progress: { notifier.log.utf8.count }) {
                notifier.log.contains(notifierSays)
            }, "notify: \(notifier.log)")
    }

    @Test("A channel added at SIGHUP (systemctl reload) gets the verdicts filed from then on; a broken one is refused and the old kept")
    func channelsFollowAReload() throws {
        let watch = try WatchProcess(config: "[Notify]\nRetryDelay=100ms\n")
        let receiver = try RobotTestServer()
        try watch.startWatching()
        #expect(watch.waitForFolders(), "stderr: \(watch.stderr)")
        let notifier = try Notifier(watch, credentials: try Self.credentials(watch))
        let before = try watch.dropFixture("003", as: "before.txt")
        #expect(watch.waitForReport(before.name, in: "rejected"), "stderr: \(watch.stderr)")
        // Filed is not yet handed on: its journal line, written after the outbox step, is.
        #expect(watch.waitForLog("→ rejected/\(before.name)"), "stderr: \(watch.stderr)")
        #expect(outbox(watch).isEmpty && outbox(watch, "sent").isEmpty, "no channel yet: nothing queued")

        // The reload of both units: the daemon queues for the new channel, the notifier delivers through it.
        try reload(
            watch, notifier, to: Self.config(webhookPort: receiver.port, hook: nil),
            daemonSays: "config reloaded", notifierSays: "delivering through 1 channels")
        let after = try watch.dropFixture("003", as: "after.txt")
        #expect(watch.waitForReport(after.name, in: "rejected"), "stderr: \(watch.stderr)")
        #expect(
            WatchProcess.waitUntil("one delivery", progress: { Self.deliveries(receiver).count }) {
                self.outbox(watch, "sent").count == 1
            }, "notify: \(notifier.log)")

        // A channel of an unknown type: both keep the webhook, and the next verdict still reaches it.
        try reload(
            watch, notifier, to: Self.config(webhookPort: receiver.port, hook: nil) + "[Notify.pigeon]\nType=pigeon\n",
            daemonSays: "notification channels not reloaded", notifierSays: "keeping the previous channels")
        let last = try watch.dropFixture("000", as: "last.txt")
        #expect(watch.waitForReport(last.name, in: "accepted"), "stderr: \(watch.stderr)")
        #expect(
            WatchProcess.waitUntil("two deliveries", progress: { Self.deliveries(receiver).count }) {
                self.outbox(watch, "sent").count == 2
            }, "notify: \(notifier.log)")
        let delivered = Self.deliveries(receiver)
        #expect(delivered.count == 2 && Set(delivered).count == 2, "\(delivered)")
        #expect(outbox(watch).isEmpty && outbox(watch, "dropped").isEmpty)
    }

    @Test("A channel down through a 2,000-report burst stops no intake; everything reaches it once it is back")
    func channelDownThroughABurst() throws {
        let watch = try WatchProcess()
        let first = try RobotTestServer()
        let port = first.port
        first.stop()
        try watch.writeConfig(Self.config(webhookPort: port, hook: nil))
        try watch.startWatching()
        #expect(watch.waitForFolders(), "stderr: \(watch.stderr)")
        let notifier = try Notifier(watch, credentials: try Self.credentials(watch))
        let count = 2_000
        for index in 1...count { try watch.drop("burst-\(index).txt", Data("第\(index)份：不是年报\n".utf8)) }
        let filed = { ["accepted", "rejected"].reduce(0) { $0 + watch.names(in: $1).filter { !$0.contains(".findings.") }.count } }
        #expect(WatchProcess.waitUntil("\(count) reports filed", progress: filed) { filed() == count }, "stderr: \(watch.stderr)")
        #expect(
            WatchProcess.waitUntil("\(count) notifications waiting", progress: { self.outbox(watch).count }) {
                self.outbox(watch).count == count
            }, "notify: \(notifier.log)")
        #expect(notifier.log.contains("will be retried"), "notify: \(notifier.log.suffix(2000))")

        let receiver = try RobotTestServer(port: port)
        #expect(
            WatchProcess.waitUntil("the outbox to empty", progress: { [self.outbox(watch).count, Self.deliveries(receiver).count] }) {
                self.outbox(watch).isEmpty
            }, "notify: \(notifier.log.suffix(2000))")
        // A burst goes out in batches: the ids of the notifications inside the verified requests.
        let delivered = ((try? receiver.requests()) ?? []).filter { $0["verified"] as? Bool == true }.flatMap { entry in
            ((entry["body"] as? [String: Any])?["notifications"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        #expect(
            Set(delivered).count == count, "\(Set(delivered).count) distinct notifications in \(Self.deliveries(receiver).count) requests")
        #expect(outbox(watch, "sent").count == count && outbox(watch, "dropped").isEmpty)
    }

    @Test("A notifier killed mid-delivery loses nothing: restarted, it sends the same id again, and only that")
    func killedMidDelivery() throws {
        let watch = try WatchProcess()
        let hold = watch.scratch.appendingPathComponent("hold").path
        let hooked = watch.scratch.appendingPathComponent("hooked").path
        let hook = watch.scratch.appendingPathComponent("hook").path
        // Records what it was given, then waits while `hold` exists (the delivery in progress).
        try ScriptFile.write(
            hook,
            """
            #!/bin/sh
            cat >> \(hooked)
            echo >> \(hooked)
            echo $$ > \(watch.scratch.path)/hook.pid
            while [ -e \(hold) ]; do sleep 0.05; done
            """)
        FileManager.default.createFile(atPath: hold, contents: nil)
        try watch.writeConfig(Self.config(webhookPort: nil, hook: hook))
        try watch.startWatching()
        #expect(watch.waitForFolders(), "stderr: \(watch.stderr)")
        let credentials = try Self.credentials(watch)
        let first = try Notifier(watch, credentials: credentials)
        let report = try watch.dropFixture("003")
        #expect(watch.waitForReport(report.name, in: "rejected"), "stderr: \(watch.stderr)")
        #expect(WatchProcess.waitUntil("the hook to be running") { Self.ids(in: hooked).count == 1 }, "notify: \(first.log)")
        first.kill9()
        if let pid = (try? String(contentsOfFile: watch.scratch.path + "/hook.pid", encoding: .utf8)).flatMap({
            Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }) {
            kill(pid, SIGKILL)
        }
        #expect(outbox(watch).count == 1, "still waiting after the kill")
        try FileManager.default.removeItem(atPath: hold)
        let second = try Notifier(watch, credentials: credentials, label: "notify-again")
        #expect(
            WatchProcess.waitUntil("the entry to be sent", progress: { second.log.utf8.count }) { self.outbox(watch, "sent").count == 1 },
            "notify: \(second.log)")
        let ids = Self.ids(in: hooked)
        #expect(ids.count == 2 && Set(ids).count == 1, "delivered again under the same id: \(ids)")
        #expect(outbox(watch).isEmpty)
    }

    @Test("Past the maximum age a notification is dropped with its journal entry, and counted")
    func maximumAgeDrops() throws {
        let watch = try WatchProcess()
        let down = try RobotTestServer()
        let port = down.port
        down.stop()
        try watch.writeConfig(Self.config(webhookPort: port, hook: nil, maximumAge: "1s"))
        try watch.startWatching()
        #expect(watch.waitForFolders(), "stderr: \(watch.stderr)")
        let notifier = try Notifier(watch, credentials: try Self.credentials(watch))
        let report = try watch.dropFixture("003")
        #expect(watch.waitForReport(report.name, in: "rejected"), "stderr: \(watch.stderr)")
        #expect(
            WatchProcess.waitUntil("the drop's log line", progress: { notifier.log.utf8.count }) {
                notifier.log.contains("dropped: not delivered within the maximum age")
            }, "notify: \(notifier.log)")
        // (On standard error the entry's MESSAGE_ID is left out; the journal gets it: NianbaoMessageID.notificationDropped.)
        #expect(notifier.log.contains("error: notification nb-"), "logged as an error: \(notifier.log)")
        #expect(outbox(watch, "dropped").count == 1 && outbox(watch).isEmpty)
        let pending = try NianbaoBinary.run(["notify", "--pending", "--root", watch.root.path, "--config", watch.configPath])
        #expect(pending.stdout.contains("0 waiting, 0 sent, 1 dropped"), "\(pending.stdout)")
    }

    @Test("A verdict filed but not queued before a crash is queued at the next start, once")
    func catchUpAfterACrash() throws {
        let watch = try WatchProcess()
        let hook = watch.scratch.appendingPathComponent("hook").path
        try ScriptFile.write(hook, "#!/bin/sh\ncat > /dev/null\n")
        try watch.writeConfig(Self.config(webhookPort: nil, hook: hook))
        try watch.startWatching()
        #expect(watch.waitForFolders(), "stderr: \(watch.stderr)")
        let report = try watch.dropFixture("003")
        #expect(watch.waitForReport(report.name, in: "rejected"), "stderr: \(watch.stderr)")
        #expect(WatchProcess.waitUntil("the entry to be queued") { self.outbox(watch).count == 1 }, "stderr: \(watch.stderr)")
        watch.send(SIGKILL)
        _ = watch.waitForExit()
        // As if the daemon had died between filing and queueing.
        for name in outbox(watch) { try FileManager.default.removeItem(at: watch.root.appendingPathComponent(".outbox/" + name)) }
        let again = try Notifier(watch, credentials: try Self.credentials(watch), label: "watch-again", command: "watch")
        #expect(
            WatchProcess.waitUntil("the entry to be queued again", progress: { again.log.utf8.count }) { self.outbox(watch).count == 1 },
            "stderr: \(again.log)")
        #expect(
            WatchProcess.waitUntil("the catch-up's log line") {
                again.log.contains("queued 1 notifications of reports filed before a restart")
            },
            "stderr: \(again.log)")
        #expect(outbox(watch).count == 1, "queued once")
    }

    @Test("notify --test sends one test message through a channel and prints its answer; a refusal exits 1")
    func testMessage() throws {
        let watch = try WatchProcess()
        let server = try RobotTestServer()
        var config = Self.config(webhookPort: server.port, hook: nil)
        config += "[Notify.wrong-key]\nType=wecom\nURL=http://127.0.0.1:\(server.port)/ok/cgi-bin/webhook/send?key=nope\n"
        try watch.writeConfig(config)
        let credentials = try Self.credentials(watch)
        func run(_ channel: String) throws -> ProcessRunner.Outcome {
            var environment = ProcessInfo.processInfo.environment
            environment["CREDENTIALS_DIRECTORY"] = credentials
            return try ProcessRunner.runBlocking(
                [try NianbaoBinary.locate().path, "notify", "--test", channel, "--root", watch.root.path, "--config", watch.configPath],
                environment: environment, currentDirectory: NianbaoBinary.packageRoot)
        }
        let sent = try run("office-hook")
        #expect(sent.status == 0 && sent.stdout.contains("office-hook: delivered: HTTP 2"), "\(sent)")
        #expect(Self.deliveries(server).count == 1, "one signed test message received")
        let refused = try run("wrong-key")
        #expect(
            refused.status == 1 && refused.stdout.contains("wrong-key: not delivered:") && refused.stdout.contains("93000"), "\(refused)")
        let unknown = try run("nowhere")
        #expect(unknown.status == 2 && unknown.stderr.contains("no [Notify.nowhere]"), "\(unknown)")
        #expect(!FileManager.default.fileExists(atPath: watch.root.appendingPathComponent(".outbox").path), "a test touches no outbox")
    }
}
