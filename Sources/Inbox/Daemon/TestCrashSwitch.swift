import Logging

// Debug and test builds only: a release binary carries no test switch (scripts/check-release).
#if DEBUG
    /// TEST ONLY: crashes the daemon (a Swift trap) each time it starts judging a report of a given
    /// name, as a reader trapping on an input nobody foresaw would, so the tests can see the poison
    /// report set aside after ``WorkFolder/maximumAttempts`` deaths while the other reports go on.
    ///
    /// Engaged by `NIANBAO_TEST_CRASH_JUDGING=<file name>` in the environment, read once at start;
    /// never set in production, where ``fromEnvironment(_:)`` returns nil and nothing is checked.
    /// It fires after the judging marker is written, so every crash counts as an interrupted attempt.
    package struct TestCrashSwitch: Sendable {
        /// The environment variable that engages the switch.
        package static let variable = "NIANBAO_TEST_CRASH_JUDGING"

        /// The original name whose judging crashes the daemon.
        package let reportName: FileName
        private let crash: @Sendable () throws(SystemCallError) -> Void

        /// - Parameters:
        ///   - reportName: the report whose judging crashes the daemon.
        ///   - crash: by default a trap; unit tests, which cannot die, pass one that throws a fault or returns.
        package init(reportName: FileName, crash: @escaping @Sendable () throws(SystemCallError) -> Void = TestCrashSwitch.trap) {
            self.reportName = reportName
            self.crash = crash
        }

        /// The switch named by ``variable`` in `environment` (the process's own when nil), or nil when unset or empty.
        package static func fromEnvironment(_ environment: [String: String]? = nil) -> TestCrashSwitch? {
            TestSwitch.reportName(variable, in: environment).map { TestCrashSwitch(reportName: $0) }
        }

        /// Called by the pipeline just before it judges a report: crashes when `name` is the switch's report.
        func judging(_ name: FileName, logger: Logger) throws(SystemCallError) {
            guard name == reportName else { return }
            logger.critical("TEST ONLY: \(Self.variable) crashes the daemon while judging \(name.shown)")
            try crash()
        }

        /// Ends the process with a Swift trap, as a reader's failed precondition would.
        @Sendable package static func trap() {
            fatalError("TEST ONLY: \(variable) crashed the daemon while judging a report")
        }
    }
#endif
