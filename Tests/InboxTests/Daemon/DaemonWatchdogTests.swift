import Glibc
import NianbaoTestSupport
import Synchronization
import Testing

@testable import Inbox

/// The daemon's event loop feeds the watchdog: while idle, between reports, and not while it hangs.
@Suite("Daemon watchdog", .serialized)
struct DaemonWatchdogTests {
    let root: InboxRoot
    let log = CapturedLog()
    let probe = Probe()
    static let interval = Duration.milliseconds(100)

    /// When each `WATCHDOG=1` was sent, and whether the test let a hung loop go on.
    final class Probe: Sendable {
        let pings = Mutex<[ContinuousClock.Instant]>([])
        let released = Mutex(false)
    }

    init() throws { root = try InboxRoot() }

    var heartbeat: Heartbeat {
        let probe = probe
        return Heartbeat(interval: Self.interval) { probe.pings.withLock { $0.append(.now) } }
    }

    var pingCount: Int { probe.pings.withLock { $0.count } }

    func settings() -> InboxSettings {
        InboxSettings(root: root.root, settlePeriod: .milliseconds(50), maximumFileSize: 1 << 20)
    }

    @Test("an idle daemon pings every interval, never more often")
    func idlePings() async throws {
        let daemon = InboxDaemon(settings: settings(), logger: log.logger, heartbeat: heartbeat)
        let running = Task { try await daemon.run() }
        await daemon.ready()
        // Nothing happens in the inbox: only the heartbeat's own deadline wakes the loop. Waited for, not
        // timed: with two CPUs and the whole suite running, the loop may be scheduled late, never early.
        let idled = await waitForProgress("5 pings while idling", progress: { pingCount }) { pingCount >= 5 }
        #expect(idled.met, "\(pingCount) pings while idling at a 100 ms interval; \(idled)")
        running.cancel()
        try await running.value
        let times = probe.pings.withLock { $0 }
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
        #expect(gaps.allSatisfy { $0 >= Self.interval }, "rate limit broken: \(gaps)")
    }

    @Test("a loop hung by the test switch stops pinging; it pings again once it goes on")
    func hungLoopStopsPinging() async throws {
        let probe = probe
        let testHang = TestHangSwitch(reportName: FileName("hang.txt")) {
            // Blocks this thread like the real switch, but only until the test lets go (at most the stall limit).
            for _ in 0..<Int(ProgressWait.stallLimit * 100) where !probe.released.withLock({ $0 }) { usleep(10_000) }
        }
        let daemon = InboxDaemon(settings: settings(), logger: log.logger, heartbeat: heartbeat, testHang: testHang)
        let running = Task { try await daemon.run() }
        await daemon.ready()
        #expect(await waitForProgress("2 pings", progress: { pingCount }) { pingCount >= 2 }.met)
        try root.drop(FileName("hang.txt"), Array("hang".utf8))
        #expect(
            await eventually("the hang warning") { log.messages(.warning).contains { $0.contains("hung the event loop") } },
            "\(log.messages())")
        let before = pingCount
        try await Task.sleep(for: Self.interval * 8)
        #expect(pingCount == before, "pinged while hung")
        // Claimed, not judged: the report waits in .work/.
        #expect(root.allFiles(under: ".work").contains { $0.0.hasSuffix("/hang.txt") })
        #expect(root.names("inbox").isEmpty && root.reports("rejected").isEmpty)
        probe.released.withLock { $0 = true }
        #expect(
            await eventually("a ping and hang.txt rejected") { pingCount > before && root.reports("rejected") == [FileName("hang.txt")] })
        running.cancel()
        try await running.value
        #expect(root.outputProblems().isEmpty, "\(root.outputProblems())")
    }
}
