import Glibc
import Logging

// Debug and test builds only: a release binary carries no test switch (scripts/check-release).
#if DEBUG
    /// TEST ONLY: hangs the daemon's event loop right after it claimed a report of a given name, so
    /// the watchdog tests can see systemd kill and restart a wedged daemon with no report lost.
    ///
    /// Engaged by `NIANBAO_TEST_HANG_AFTER_CLAIMING=<file name>` in the environment, read once at start;
    /// never set in production, where ``fromEnvironment(_:)`` returns nil and nothing is checked.
    /// After the claim the report sits in `.work/<claim>/`; the restarted daemon finishes it from there
    /// without claiming it again, so it does not hang twice.
    package struct TestHangSwitch: Sendable {
        /// The environment variable that engages the switch.
        package static let variable = "NIANBAO_TEST_HANG_AFTER_CLAIMING"

        /// The original name whose claim hangs the loop.
        package let reportName: FileName
        private let hang: @Sendable () -> Void

        /// - Parameters:
        ///   - reportName: the report whose claim hangs the loop.
        ///   - hang: blocks the calling thread; by default for ever (tests of the switch itself pass one that returns).
        package init(reportName: FileName, hang: @escaping @Sendable () -> Void = TestHangSwitch.blockForever) {
            self.reportName = reportName
            self.hang = hang
        }

        /// The switch named by ``variable`` in `environment` (the process's own when nil), or nil when unset or empty.
        package static func fromEnvironment(_ environment: [String: String]? = nil) -> TestHangSwitch? {
            TestSwitch.reportName(variable, in: environment).map { TestHangSwitch(reportName: $0) }
        }

        /// Called by the pipeline after each claim: hangs when `name` is the switch's report.
        func claimed(_ name: FileName, logger: Logger) {
            guard name == reportName else { return }
            logger.warning("TEST ONLY: \(Self.variable) hung the event loop after claiming \(name.shown); no more watchdog pings")
            hang()
        }

        /// Blocks the calling thread for good: no more turns of the event loop, no more pings.
        @Sendable package static func blockForever() {
            while true { sleep(3600) }
        }
    }

    /// What the test-only switches share: the report name a switch's environment variable holds.
    enum TestSwitch {
        /// The non-empty value of `variable` in `environment` (the process's own when nil), as a file name.
        static func reportName(_ variable: String, in environment: [String: String]?) -> FileName? {
            let value = environment.map { $0[variable] } ?? getenv(variable).map { String(cString: $0) }
            guard let value, !value.isEmpty else { return nil }
            return FileName(value)
        }
    }
#endif

/// The test-only switches a daemon was started with; empty in release builds, which have none.
struct TestSwitches: Sendable {
    #if DEBUG
        var hang: TestHangSwitch?
        var crash: TestCrashSwitch?
    #endif

    /// No switch engaged (always so in a release build).
    static var none: TestSwitches { TestSwitches() }
}
