import Dispatch
import ReportValidation
import Synchronization

/// The judge's ``ReportHistorySource`` over a register's asynchronous look-up: asks for an agency's
/// filed reports and waits for the answer on the calling thread (the engine's own, never the
/// cooperative pool), at most ``timeLimit``. A register that fails or is too slow gives
/// ``ReportHistory/unavailable(_:reason:)``: the report is judged alone and intake goes on. After a
/// look-up that timed out, the register is not asked again for ``pause``, so a hung server costs one
/// wait, not one per report.
package struct RegisterHistory: ReportHistorySource {
    /// The agency's filed reports of `year` and `year − 1` (more years do no harm).
    package typealias Lookup = @Sendable (_ agency: String, _ year: Int) async throws -> [FiledSubmission]

    let lookup: Lookup
    package let timeLimit: Duration
    package let pause: Duration
    /// Until when the register is not asked, after a look-up that timed out.
    private let quietUntil = QuietUntil()

    /// How long one look-up may take before the report is judged without history.
    package static let defaultTimeLimit: Duration = .seconds(10)
    /// How long the register is left alone after a look-up timed out.
    package static let defaultPause: Duration = .seconds(60)

    package init(
        timeLimit: Duration = RegisterHistory.defaultTimeLimit, pause: Duration = RegisterHistory.defaultPause,
        lookup: @escaping Lookup
    ) {
        self.lookup = lookup
        self.timeLimit = timeLimit
        self.pause = pause
    }

    package func history(of subject: ReportHistory.Subject) -> ReportHistory {
        if let until = quietUntil.value.withLock({ $0 }), ContinuousClock.now < until {
            return .unavailable(subject, reason: "登记簿刚才未答复，暂不查询 / the register did not answer a moment ago")
        }
        let answer = Answer()
        let task = Task.detached { [lookup] in
            do {
                answer.set(.success(try await lookup(subject.agency, subject.year)))
            } catch {
                answer.set(.failure(error))
            }
        }
        let milliseconds = Int(timeLimit.components.seconds * 1000 + timeLimit.components.attoseconds / 1_000_000_000_000_000)
        guard answer.done.wait(timeout: .now() + .milliseconds(milliseconds)) == .success, let result = answer.result else {
            task.cancel()
            quietUntil.value.withLock { $0 = ContinuousClock.now + pause }
            return .unavailable(subject, reason: "登记簿 \(timeLimit) 内未答复 / no answer within \(timeLimit)")
        }
        switch result {
        case .success(let filed): return ReportHistory(subject, filed: filed)
        case .failure(let error): return .unavailable(subject, reason: "\(error)")
        }
    }

    final class QuietUntil: Sendable {
        let value = Mutex<ContinuousClock.Instant?>(nil)
    }

    /// The look-up's result, handed from its task to the waiting thread.
    final class Answer: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        private(set) var result: Result<[FiledSubmission], any Error>?

        /// Written once, before `done` is signalled; read only after a successful wait.
        func set(_ value: Result<[FiledSubmission], any Error>) {
            result = value
            done.signal()
        }
    }
}
