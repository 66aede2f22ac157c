/// What one attempt to hand a batch of notifications to a channel came to, which tells the outbox
/// whether to mark them sent, try again later, or give up on them.
package enum DeliveryOutcome: Sendable, Hashable {
    /// The receiver took the message; `answer` is what it said (for `nianbao notify --test`).
    case delivered(answer: String)
    /// Worth another try: rate limited, the server or the network failed. `after` is the receiver's
    /// own `Retry-After`, when it gave one.
    case retryable(reason: String, after: Duration?)
    /// Trying again cannot help: a bad key or signature, a refused message, a misconfigured channel.
    case permanent(reason: String)

    /// True for ``delivered(answer:)``.
    package var isDelivered: Bool {
        if case .delivered = self { return true }
        return false
    }

    /// True for ``retryable(reason:after:)``.
    package var isRetryable: Bool {
        if case .retryable = self { return true }
        return false
    }
}
