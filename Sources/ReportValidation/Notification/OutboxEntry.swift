/// One notification waiting in the outbox for one channel: what `outbox/ID.json` holds.
///
/// A pure state machine like the inbox's claim transaction: ``record(_:now:policy:)`` takes what one
/// delivery attempt came to and says what the outbox does next (mark it sent, try again at a time,
/// drop it); the notifier performs that on disk. Times are microseconds since the epoch (UTC).
public struct OutboxEntry: Sendable, Hashable, Codable {
    /// `nianbao.outbox/1`: the file's format.
    public var schema: String
    /// Stable for this verdict and channel (the file's name without `.json`).
    public var id: String
    /// The `[Notify.NAME]` channel it goes through.
    public var channel: String
    /// The addresses routing chose (mail); empty for a channel with one fixed target.
    public var recipients: [String]
    public var notification: Notification
    public var queuedAt: Int64
    /// Attempts made so far.
    public var attempts: Int
    /// Not tried before this time.
    public var notBefore: Int64
    /// What the last failed attempt said.
    public var lastError: String?

    public static let currentSchema = "nianbao.outbox/1"

    public init(id: String, channel: String, recipients: [String], notification: Notification, queuedAt: Int64) {
        self.schema = Self.currentSchema
        self.id = id
        self.channel = channel
        self.recipients = recipients
        self.notification = notification
        self.queuedAt = queuedAt
        self.attempts = 0
        self.notBefore = queuedAt
        self.lastError = nil
    }

    /// Whether it is time to try it.
    public func isDue(now: Int64) -> Bool { now >= notBefore }

    /// When it is dropped if still not delivered: its verdict's filing time plus the maximum age.
    public func deadline(_ policy: RetryPolicy) -> Int64 { notification.filedAt + policy.maximumAge }

    /// Records one attempt and says what comes next. The first attempt is always made; a failure at or
    /// past the deadline drops it; otherwise the delay doubles from ``RetryPolicy/firstDelay`` up to
    /// ``RetryPolicy/maximumDelay`` (longer when the receiver asked to wait), never past the deadline.
    public mutating func record(_ attempt: AttemptResult, now: Int64, policy: RetryPolicy) -> OutboxStep {
        attempts += 1
        switch attempt {
        case .delivered(let answer):
            lastError = nil
            return .sent(answer: answer)
        case .permanent(let reason):
            lastError = reason
            return .drop(.refused(reason))
        case .transient(let reason, let retryAfter):
            lastError = reason
            let deadline = deadline(policy)
            guard now < deadline else { return .drop(.expired(lastError: reason, attempts: attempts)) }
            let delay = max(policy.delay(afterAttempt: attempts), retryAfter ?? 0)
            notBefore = min(now + delay, deadline)
            return .retry(at: notBefore)
        }
    }
}

/// What one delivery attempt came to, as the channel answered.
public enum AttemptResult: Sendable, Hashable {
    case delivered(answer: String)
    /// Worth another try; `retryAfter` (µs) when the receiver said how long to wait.
    case transient(reason: String, retryAfter: Int64?)
    /// Trying again cannot help.
    case permanent(reason: String)
}

/// What the outbox does with an entry after an attempt.
public enum OutboxStep: Sendable, Hashable {
    /// Move it to `sent/`.
    case sent(answer: String)
    /// Rewrite it with its new ``OutboxEntry/notBefore`` and try then.
    case retry(at: Int64)
    /// Move it to `dropped/` and log the drop (``DropReason``).
    case drop(DropReason)
}

/// Why a notification was given up.
public enum DropReason: Sendable, Hashable, CustomStringConvertible {
    /// The channel refused it for good (a bad key, a refused address, a misconfigured channel).
    case refused(String)
    /// Still failing at the maximum age.
    case expired(lastError: String, attempts: Int)

    public var description: String {
        switch self {
        case .refused(let reason): "refused: \(reason)"
        case .expired(let last, let attempts): "not delivered within the maximum age after \(attempts) attempts; last: \(last)"
        }
    }
}

/// `[Notify] MaximumAge=`, `RetryDelay=`, `MaximumRetryDelay=` in microseconds.
public struct RetryPolicy: Sendable, Hashable {
    public var maximumAge: Int64
    public var firstDelay: Int64
    public var maximumDelay: Int64

    public init(maximumAge: Int64, firstDelay: Int64, maximumDelay: Int64) {
        self.maximumAge = maximumAge
        self.firstDelay = max(1, firstDelay)
        self.maximumDelay = max(self.firstDelay, maximumDelay)
    }

    /// The wait after the `attempt`-th failure: first, 2×first, 4×first… capped at the maximum.
    public func delay(afterAttempt attempt: Int) -> Int64 {
        var delay = firstDelay
        for _ in 1..<max(1, attempt) {
            guard delay < maximumDelay else { break }
            delay = delay > maximumDelay / 2 ? maximumDelay : delay * 2
        }
        return min(delay, maximumDelay)
    }
}
