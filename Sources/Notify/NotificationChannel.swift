import ReportValidation

/// One way of telling people about verdicts (mail, a chat robot, a webhook, a command hook).
///
/// `nianbao notify` hands each channel the batch of notifications due for it and a recipient list
/// (agency contacts and office reviewers, as routed). A channel that can send a burst as one message
/// (the chat robots, rate-limited to ≈ 20 a minute) may; mail sends one message per notification.
package protocol NotificationChannel: Sendable {
    /// The channel's name, as in its `[Notify.NAME]` section.
    var name: String { get }
    /// Delivers `batch`; returns the channel's answer, or throws a ``DeliveryError`` saying whether
    /// trying again later can help. A channel must use each notification's ``Notification/id`` where it
    /// can deduplicate (mail's Message-ID, the webhook's `id`), so a resend after a crash is one message.
    func deliver(_ batch: [Delivery]) async throws(DeliveryError) -> DeliveryReceipt
}

/// One notification to one channel, with the addresses routing chose for it (empty for chat groups,
/// webhooks and hooks: their target is the channel itself).
package struct Delivery: Sendable, Hashable {
    package var notification: Notification
    package var recipients: [String]

    package init(notification: Notification, recipients: [String] = []) {
        self.notification = notification
        self.recipients = recipients
    }
}

/// What the channel answered on success, for `nianbao notify --test` and the journal (never a secret).
package struct DeliveryReceipt: Sendable, Hashable, CustomStringConvertible {
    /// E.g. `sendmail exited 0`, `HTTP 200 {"errcode":0,"errmsg":"ok"}`.
    package var answer: String

    package init(answer: String) {
        self.answer = answer
    }

    package var description: String { answer }
}

/// Why a delivery failed, and whether retrying later can help (a server down, HTTP 429 or 5xx, a
/// timeout) or not (a bad key, a refused address, a malformed configuration: dropped at once).
package struct DeliveryError: Error, Sendable, Hashable, CustomStringConvertible {
    package var reason: String
    package var isTransient: Bool
    /// How long the receiver asked to be left alone (`Retry-After`, a robot's send window), when it said:
    /// the next try waits at least this long, even when the backoff would come back sooner.
    package var retryAfter: Duration?

    package init(_ reason: String, transient: Bool, retryAfter: Duration? = nil) {
        self.reason = reason
        self.isTransient = transient
        self.retryAfter = transient ? retryAfter : nil
    }

    package var description: String { reason + (isTransient ? " (will retry)" : " (permanent)") }
}
