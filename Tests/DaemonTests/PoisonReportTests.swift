import Foundation
import Glibc
import Testing

extension NianbaoWatch {
    /// A report that crashes the daemon each time it is judged must not block the inbox for ever.
    @Suite struct PoisonReport {
        /// The test-only switch that traps while judging the named report (Sources/Inbox/Daemon/TestCrashSwitch.swift).
        static let crashSwitch = "NIANBAO_TEST_CRASH_JUDGING"

        /// Started again after each death, as systemd's `Restart=on-failure` would, the daemon dies twice on
        /// the poison report, then sets it aside unread (FILE-007) and judges the reports behind it.
        @Test(.timeLimit(.minutes(hangGuardMinutes)))
        func aReportThatCrashesTheDaemonTwiceIsSetAsideAndTheOthersGoOn() throws {
            try withRoot("poison") { root in
                let poison = FileName(utf8: "poison.txt")
                // No crash report from the Swift runtime: the test wants the death, not its backtrace.
                let environment = [Self.crashSwitch: poison.shown, "SWIFT_BACKTRACE": "enable=no"]
                var daemons = [try DaemonProcess(root: root, environment: environment)]
                try daemons[0].waitUntilReady()
                try root.dropByRename(poison, Array("一份让读取器崩溃的年报 \(UUID())\n".utf8), expect: "rejected")
                for number in ["000", "004"] {
                    let sample = try Nianbao.sample(number)
                    try root.dropByRename(FileName(utf8: sample.name), sample.bytes, expect: "accepted")
                }
                var deaths: [DaemonProcess.Exit] = []
                while true {
                    let daemon = daemons[daemons.count - 1]
                    let settled = Posix.waitUntil(progress: { root.filedCount }) { !daemon.isRunning || root.isDrained() }
                    guard settled, !daemon.isRunning else { break }
                    deaths.append(daemon.waitForExit())
                    guard daemons.count < 3 else { break }
                    daemons.append(try DaemonProcess(root: root, environment: environment))
                }
                let last = daemons[daemons.count - 1]
                #expect(daemons.count == 3 && deaths.count == 2, "\(daemons.count) starts, deaths: \(deaths); \(last.stderrTail())")
                for (daemon, exit) in zip(daemons, deaths) {
                    #expect(exit.signal != nil, "a trap ends the process by a signal: \(exit)")
                    #expect(daemon.stderr.contains("Fatal error: TEST ONLY"), "\(daemon.stderrTail())")
                }
                #expect(last.isRunning, "the third start must live: \(last.stderrTail())")
                #expect(root.waitUntilDrained(), "\(last.stderrTail())")
                let problems = root.problems()
                #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
                #expect(findingCodes(root.findingsJSON("rejected", poison)) == ["FILE-007"])
                #expect(
                    lines(of: last.stderr, containing: "set aside unjudged after 2 interrupted attempts").count == 1,
                    "\(last.stderrTail())")
                let exit = last.stop()
                #expect(exit.status == 0 && exit.seconds < DaemonProcess.stopLimit, "\(exit)")
            }
        }
    }
}
