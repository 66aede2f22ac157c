import Inbox

/// Runs sendmail on a thread of its own, one message at a time: a run blocks in `poll` for up to the
/// channel's time limit, which must not hold one of Swift's cooperative threads (two on a 2-core machine).
actor MailSubmitter {
    nonisolated let executor: DedicatedThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    init(executor: DedicatedThreadExecutor) {
        self.executor = executor
    }

    /// The process's one submitter; nil only when its thread could not be started.
    static let shared: MailSubmitter? = try? MailSubmitter(executor: DedicatedThreadExecutor(name: "nianbao-mail"))

    /// `body` (one sendmail run) on the submitter's thread, or on the caller's when it has none.
    static func run(_ body: @Sendable () throws(DeliveryError) -> String) async throws(DeliveryError) -> String {
        guard let shared else { return try body() }
        return try await shared.run(body).get()
    }

    func run(_ body: @Sendable () throws(DeliveryError) -> String) -> Result<String, DeliveryError> {
        Result { () throws(DeliveryError) in try body() }
    }

    deinit { executor.stop() }
}
