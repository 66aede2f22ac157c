import Dispatch
import ReportValidation

/// The judge's ``ReportHistorySource`` over a register's asynchronous look-up: asks for an agency's
/// filed reports and waits for the answer on the calling thread (the engine's own, never the
/// cooperative pool), at most ``timeLimit``. A register that fails or is too slow gives
/// ``ReportHistory/unavailable(_:reason:)``: the report is judged alone and intake goes on.
package struct RegisterHistory: ReportHistorySource {
    /// The agency's filed reports of `year` and `year − 1` (more years do no harm).
    package typealias Lookup = @Sendable (_ agency: String, _ year: Int) async throws -> [FiledSubmission]

    let lookup: Lookup
    package let timeLimit: Duration

    /// How long one look-up may take before the report is judged without history.
    package static let defaultTimeLimit: Duration = .seconds(5)

    package init(timeLimit: Duration = RegisterHistory.defaultTimeLimit, lookup: @escaping Lookup) {
        self.lookup = lookup
        self.timeLimit = timeLimit
    }

    package func history(of subject: ReportHistory.Subject) -> ReportHistory {
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
            return .unavailable(subject, reason: "登记簿 \(timeLimit) 内未答复 / no answer within \(timeLimit)")
        }
        switch result {
        case .success(let filed): return ReportHistory(subject, filed: filed)
        case .failure(let error): return .unavailable(subject, reason: "\(error)")
        }
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
