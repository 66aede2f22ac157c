import Glibc
import Synchronization
import Testing

@testable import Inbox

/// SystemdNotifier against a real datagram socket exported as `$NOTIFY_SOCKET`; serialized, since
/// it changes the process environment that libsystemd reads.
@Suite(.serialized)
struct SystemdNotifierTests {
    /// Runs `body` with the given environment variables set (nil: unset), restoring them afterwards.
    func withEnvironment(_ values: [String: String?], _ body: () throws -> Void) rethrows {
        var saved: [String: String?] = [:]
        for (name, value) in values {
            saved[name] = getenv(name).map { String(cString: $0) }
            if let value { setenv(name, value, 1) } else { unsetenv(name) }
        }
        defer {
            for (name, value) in saved {
                if let value { setenv(name, value, 1) } else { unsetenv(name) }
            }
        }
        try body()
    }

    let unsupervised: [String: String?] = ["NOTIFY_SOCKET": nil, "WATCHDOG_USEC": nil, "WATCHDOG_PID": nil]

    @Test func readySendsReadyAndStatusInOneDatagram() throws {
        let socket = try NotifySocket()
        try withEnvironment(unsupervised.merging(["NOTIFY_SOCKET": socket.path]) { $1 }) {
            let notifier = SystemdNotifier(logger: RecordingLogHandler.logger().0)
            #expect(notifier.isSupervised)
            notifier.ready(status: "inbox /srv/nianbao/inbox: backlog 3, 0 accepted, 0 rejected")
            #expect(socket.receive() == "READY=1\nSTATUS=inbox /srv/nianbao/inbox: backlog 3, 0 accepted, 0 rejected")
        }
    }

    @Test func statusIsFoldedToOneLine() throws {
        let socket = try NotifySocket()
        try withEnvironment(unsupervised.merging(["NOTIFY_SOCKET": socket.path]) { $1 }) {
            let notifier = SystemdNotifier(logger: RecordingLogHandler.logger().0)
            notifier.status("last problem:\nEACCES\ton 年报.txt")
            #expect(socket.receive() == "STATUS=last problem: EACCES on 年报.txt")
        }
    }

    @Test func reloadingCarriesTheMonotonicClock() throws {
        let socket = try NotifySocket()
        try withEnvironment(unsupervised.merging(["NOTIFY_SOCKET": socket.path]) { $1 }) {
            let notifier = SystemdNotifier(logger: RecordingLogHandler.logger().0)
            let before = NotifyState.monotonicNow()
            notifier.reloading()
            let after = NotifyState.monotonicNow()
            let lines = try #require(socket.receive()).split(separator: "\n")
            #expect(lines.first == "RELOADING=1")
            #expect(lines.count == 2)
            let usec = try #require(lines.last.flatMap { UInt64($0.dropFirst("MONOTONIC_USEC=".count)) })
            #expect(lines.last?.hasPrefix("MONOTONIC_USEC=") == true)
            #expect((before...after).contains(usec))
            notifier.ready()
            #expect(socket.receive() == "READY=1")
        }
    }

    @Test func stoppingAndFailure() throws {
        let socket = try NotifySocket()
        try withEnvironment(unsupervised.merging(["NOTIFY_SOCKET": socket.path]) { $1 }) {
            let notifier = SystemdNotifier(logger: RecordingLogHandler.logger().0)
            notifier.stopping(status: "stopping: returning 1 report to the inbox")
            #expect(socket.receive() == "STOPPING=1\nSTATUS=stopping: returning 1 report to the inbox")
            // No manager reads this socket, so the barrier waits out its 5 s; then its datagram is there.
            notifier.failed(errno: ENOENT, status: "inbox lost")
            #expect(socket.receive() == "STATUS=inbox lost\nERRNO=\(ENOENT)")
            #expect(socket.receive() == "BARRIER=1")
        }
    }

    @Test func watchdogOnlyWhenTheManagerAsksForIt() throws {
        let socket = try NotifySocket()
        try withEnvironment(unsupervised.merging(["NOTIFY_SOCKET": socket.path]) { $1 }) {
            let notifier = SystemdNotifier(logger: RecordingLogHandler.logger().0)
            #expect(notifier.watchdogInterval == nil)
            #expect(notifier.watchdogPingInterval == nil)
            notifier.watchdog()
            #expect(socket.receive(timeout: 100) == nil)
        }
        try withEnvironment(
            unsupervised.merging([
                "NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "\(getpid())",
            ]) { $1 }
        ) {
            let notifier = SystemdNotifier(logger: RecordingLogHandler.logger().0)
            #expect(notifier.watchdogInterval == .seconds(30))
            #expect(notifier.watchdogPingInterval == .seconds(15))
            notifier.watchdog()
            #expect(socket.receive() == "WATCHDOG=1")
        }
        // A watchdog meant for another process (the PID of a forking parent) is not ours.
        try withEnvironment(
            unsupervised.merging([
                "NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "\(getpid() + 1)",
            ]) { $1 }
        ) {
            #expect(SystemdNotifier(logger: RecordingLogHandler.logger().0).watchdogInterval == nil)
        }
    }

    @Test func withoutNotifySocketNothingIsSent() throws {
        try withEnvironment(unsupervised) {
            let (logger, store) = RecordingLogHandler.logger()
            let notifier = SystemdNotifier(logger: logger)
            #expect(!notifier.isSupervised)
            #expect(!notifier.notify([.ready]))
            notifier.ready(status: "x")
            #expect(store.levels.isEmpty)
        }
    }

    @Test func aLostSocketIsLoggedOnceAsAWarning() throws {
        let directory = try TemporaryDirectory()
        try withEnvironment(unsupervised.merging(["NOTIFY_SOCKET": directory.path("absent")]) { $1 }) {
            let (logger, store) = RecordingLogHandler.logger()
            let notifier = SystemdNotifier(logger: logger)
            #expect(!notifier.notify([.status("a")]))
            #expect(!notifier.notify([.status("b")]))
            #expect(store.levels == [.warning, .debug])
            let metadata = try #require(store.events.withLock { $0.first?.metadata })
            #expect(metadata["errno"] == "\(ENOENT)")
        }
    }
}

/// A start failure's last words must reach the manager before the process exits.
@Suite struct FailureNotificationTests {
    final class Calls: Sendable {
        let sent = Mutex<[String]>([])
        let barriers = Mutex(0)
    }

    func notifier(socket: String?, calls: Calls) -> SystemdNotifier {
        SystemdNotifier(
            logger: RecordingLogHandler.logger().0,
            environment: NotifyEnvironment(notifySocket: socket, watchdogUsec: nil),
            send: { message in
                calls.sent.withLock { $0.append(message) }
                return 1
            },
            barrier: {
                calls.barriers.withLock { $0 += 1 }
                return 1
            })
    }

    @Test func failedSendsErrnoAndStatusThenWaitsForTheManager() {
        let calls = Calls()
        notifier(socket: "/run/systemd/notify", calls: calls).failed(errno: 2, status: "failed: no inbox")
        #expect(calls.sent.withLock { $0 } == ["STATUS=failed: no inbox\nERRNO=2"])
        #expect(calls.barriers.withLock { $0 } == 1)
    }

    @Test func unsupervisedFailureNeitherSendsNorWaits() {
        let calls = Calls()
        notifier(socket: nil, calls: calls).failed(errno: 2, status: "failed: no inbox")
        #expect(calls.sent.withLock { $0 }.isEmpty)
        #expect(calls.barriers.withLock { $0 } == 0)
    }
}
