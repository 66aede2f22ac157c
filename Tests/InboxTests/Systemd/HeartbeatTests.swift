import Glibc
import Synchronization
import Testing

@testable import Inbox

/// The watchdog heartbeat's rate limit, its due time, and the test-only hang switch, without systemd.
@Suite struct HeartbeatTests {
    /// A thread-safe count.
    final class Counter: Sendable {
        private let value = Mutex(0)
        func add() { value.withLock { $0 += 1 } }
        var count: Int { value.withLock { $0 } }
    }

    /// A heartbeat counting its pings.
    func counting(_ interval: Duration?) -> (Heartbeat, Counter) {
        let counter = Counter()
        return (Heartbeat(interval: interval) { counter.add() }, counter)
    }

    @Test func atMostOnePingPerInterval() {
        let (heartbeat, count) = counting(.milliseconds(100))
        let start = ContinuousClock.now
        heartbeat.beat(at: start)
        #expect(count.count == 1, "the first beat pings at once")
        for offset in [1, 50, 99] { heartbeat.beat(at: start + .milliseconds(offset)) }
        #expect(count.count == 1, "a busy loop does not flood the manager")
        heartbeat.beat(at: start + .milliseconds(100))
        #expect(count.count == 2)
        heartbeat.beat(at: start + .milliseconds(150))
        heartbeat.beat(at: start + .milliseconds(250))
        #expect(count.count == 3)
        #expect(heartbeat.due == start + .milliseconds(350), "an idle loop must wake by then")
    }

    @Test func withoutAWatchdogNothingIsSentAndNothingIsDue() {
        let (heartbeat, count) = counting(nil)
        heartbeat.beat()
        #expect(count.count == 0)
        #expect(heartbeat.due == nil)
        Heartbeat.none.beat()
        #expect(Heartbeat.none.due == nil)
    }

    @Test func pingsEveryHalfWatchdogUsecThroughTheNotifier() {
        let sent = Counter()
        let notifier = SystemdNotifier(
            logger: RecordingLogHandler.logger().0,
            environment: NotifyEnvironment(notifySocket: "/run/test-notify", watchdogUsec: 3_000_000)
        ) { message in
            if message == "WATCHDOG=1" { sent.add() }
            return 1
        }
        let heartbeat = Heartbeat(notifier: notifier)
        #expect(heartbeat.interval == .milliseconds(1500))
        heartbeat.beat()
        heartbeat.beat()
        #expect(sent.count == 1)
        let unwatched = SystemdNotifier(
            logger: RecordingLogHandler.logger().0,
            environment: NotifyEnvironment(notifySocket: "/run/test-notify", watchdogUsec: nil)
        ) { _ in 1 }
        #expect(Heartbeat(notifier: unwatched).interval == nil)
    }

    @Test func theHangSwitchIsReadFromItsVariableAndFiresOnlyForItsName() {
        #expect(TestHangSwitch.fromEnvironment([:]) == nil)
        #expect(TestHangSwitch.fromEnvironment([TestHangSwitch.variable: ""]) == nil)
        let parsed = TestHangSwitch.fromEnvironment([TestHangSwitch.variable: "年报.txt"])
        #expect(parsed?.reportName == FileName("年报.txt"))
        let hung = Counter()
        let log = CapturedLog()
        let hangSwitch = TestHangSwitch(reportName: FileName("x.txt")) { hung.add() }
        hangSwitch.claimed(FileName("y.txt"), logger: log.logger)
        #expect(hung.count == 0 && log.messages().isEmpty)
        hangSwitch.claimed(FileName("x.txt"), logger: log.logger)
        #expect(hung.count == 1)
        #expect(log.messages(.warning).count == 1 && log.messages(.warning)[0].contains("TEST ONLY"), "\(log.messages())")
    }

    @Test func startFailuresNameAnErrno() {
        let failed = SystemCallError(call: "mkdir", path: "/x/y", errno: .permissionDenied)
        #expect(InboxError.rootMissing(path: "/x/y", failed).errno.rawValue == EACCES)
        #expect(InboxError.folderUnusable(folder: "inbox", path: "/x/inbox", failed).errno.rawValue == EACCES)
        #expect(InboxError.notADirectory(folder: "inbox", path: "/x/inbox").errno.rawValue == ENOTDIR)
        #expect(InboxError.crossDevice(folder: "accepted", path: "/x/a", inbox: "/x/inbox").errno.rawValue == EXDEV)
        #expect(InboxError.watchLost(path: "/x/inbox", event: .deleteSelf).errno.rawValue == ENOENT)
        #expect(InboxError.watchFailed(path: "/x/inbox", reason: "ended").errno.rawValue == EIO)
    }
}
