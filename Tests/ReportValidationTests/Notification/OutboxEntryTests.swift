import ReportValidation
import Testing

/// The outbox's state machine without a file system: sent, retried with a doubling delay, dropped.
@Suite struct OutboxEntryTests {
    static let second: Int64 = 1_000_000
    /// Max age 1 h, first retry after 30 s, at most 10 min apart.
    static let policy = RetryPolicy(maximumAge: 3600 * second, firstDelay: 30 * second, maximumDelay: 600 * second)

    static func entry(filedAt: Int64 = 0) -> OutboxEntry {
        let notification = Notification(
            id: "nb-1", verdict: .rejected, agencyTitled: "温县人民政府办公室", agencyMatched: nil, year: 2021,
            reportName: "温县.txt", notePath: "rejected/温县.txt.findings.txt", note: "意见\n", findings: [], language: .zh, filedAt: filedAt)
        return OutboxEntry(id: "nb-1-office", channel: "office", recipients: [], notification: notification, queuedAt: filedAt)
    }

    @Test("A new entry is due at once; delivered, it is marked sent")
    func deliveredIsSent() {
        var entry = Self.entry()
        #expect(entry.isDue(now: 0))
        #expect(entry.record(.delivered(answer: "HTTP 200"), now: 1, policy: Self.policy) == .sent(answer: "HTTP 200"))
        #expect(entry.attempts == 1 && entry.lastError == nil)
    }

    @Test("A refusal drops it at once, whatever its age")
    func refusedIsDropped() {
        var entry = Self.entry()
        #expect(entry.record(.permanent(reason: "errcode 93000"), now: 1, policy: Self.policy) == .drop(.refused("errcode 93000")))
    }

    @Test(
        "Transient failures are retried after 30 s, 60 s, 120 s… capped at the maximum delay",
        arguments: [(1, Int64(30)), (2, 60), (3, 120), (4, 240), (5, 480), (6, 600), (20, 600)])
    func backoff(attempt: Int, seconds: Int64) {
        #expect(Self.policy.delay(afterAttempt: attempt) == seconds * Self.second)
    }

    @Test("A failing entry walks its retries, never past the deadline, and is dropped there")
    func retriesUntilTheDeadline() {
        var entry = Self.entry()
        var now: Int64 = 0
        var steps: [OutboxStep] = []
        while true {
            #expect(entry.isDue(now: now))
            let step = entry.record(.transient(reason: "HTTP 503", retryAfter: nil), now: now, policy: Self.policy)
            steps.append(step)
            guard case .retry(let at) = step else { break }
            #expect(at > now && at <= entry.deadline(Self.policy))
            #expect(!entry.isDue(now: at - 1))
            now = at
        }
        #expect(steps.last == .drop(.expired(lastError: "HTTP 503", attempts: entry.attempts)))
        #expect(now == entry.deadline(Self.policy), "the last attempt is made at the deadline")
        #expect(entry.attempts == steps.count)
    }

    @Test("The receiver's Retry-After wins over a shorter backoff")
    func retryAfter() {
        var entry = Self.entry()
        #expect(
            entry.record(.transient(reason: "429", retryAfter: 90 * Self.second), now: 0, policy: Self.policy)
                == .retry(at: 90 * Self.second))
    }

    @Test("Past the maximum age the first attempt is still made, and a failure then drops it")
    func firstAttemptAfterTheDeadline() {
        var entry = Self.entry(filedAt: 0)
        let late = 2 * 3600 * Self.second
        #expect(entry.isDue(now: late))
        #expect(entry.record(.delivered(answer: "ok"), now: late, policy: Self.policy) == .sent(answer: "ok"))
        var failing = Self.entry(filedAt: 0)
        #expect(
            failing.record(.transient(reason: "down", retryAfter: nil), now: late, policy: Self.policy)
                == .drop(.expired(lastError: "down", attempts: 1)))
    }

    @Test("A recovered channel delivers on the next retry")
    func downThenUp() {
        var entry = Self.entry()
        guard case .retry(let at) = entry.record(.transient(reason: "refused", retryAfter: nil), now: 0, policy: Self.policy) else {
            Issue.record("expected a retry")
            return
        }
        #expect(entry.record(.delivered(answer: "ok"), now: at, policy: Self.policy) == .sent(answer: "ok"))
        #expect(entry.attempts == 2)
    }
}
