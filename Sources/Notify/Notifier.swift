import Glibc
import Inbox
import Logging
import ReportValidation

/// `nianbao notify`'s loop: takes what is due from the ``Outbox``, hands it to its channel, and performs
/// what ``OutboxEntry/record(_:now:policy:)`` decides (sent, retry later, dropped with a journal entry).
///
/// The outbox is listed again every ``scanInterval`` (a new file is seen within it); entries already
/// read are kept in memory, as only this process rewrites them. It reads no report: each notification
/// carries its note. A channel's batch is every due entry of it (mail: one message each).
package struct Notifier: Sendable {
    package let outbox: Outbox
    package let channels: [String: Result<any NotificationChannel, DeliveryError>]
    package let policy: RetryPolicy
    let logger: Logger
    /// How often the outbox is listed for new entries.
    package var scanInterval: Duration = .seconds(1)
    /// Most notifications handed to a robot, webhook or hook at once.
    package static let batchLimit = 50

    package init(
        outbox: Outbox, channels: [String: Result<any NotificationChannel, DeliveryError>], settings: NotifySettings, logger: Logger
    ) {
        self.outbox = outbox
        self.channels = channels
        self.policy = RetryPolicy(
            maximumAge: settings.maximumAge.microsecondsSinceZero,
            firstDelay: settings.retryDelay.microsecondsSinceZero, maximumDelay: settings.maximumRetryDelay.microsecondsSinceZero)
        self.logger = logger
    }

    /// Delivers until cancelled; a fault of the outbox folder itself is logged and retried after a pause.
    package func run() async {
        var known: [FileName: OutboxEntry] = [:]
        var lastPrune: Int64 = 0
        while !Task.isCancelled {
            do {
                try await pass(&known)
                let now = Outbox.nowMicroseconds()
                if now - lastPrune > 3600 * 1_000_000 {
                    lastPrune = now
                    let removed = try outbox.prune(before: now - 2 * policy.maximumAge)
                    if removed > 0 { logger.info("removed \(removed) sent or dropped records older than twice the maximum age") }
                }
            } catch {
                logger.error(
                    "outbox fault, trying again shortly: \(error)",
                    metadata: .fields([
                        .outbox: outbox.directory.path, .error: "\(error)", .errno: "\(error.errno.rawValue)",
                    ]))
            }
            let now = Outbox.nowMicroseconds()
            let next = known.values.map(\.notBefore).min().map { max(0, $0 - now) } ?? Int64.max
            let wait = min(next, scanInterval.microsecondsSinceZero)
            try? await Task.sleep(for: .microseconds(max(wait, 10_000)))
        }
    }

    /// One round: list the outbox, read new entries, deliver what is due.
    func pass(_ known: inout [FileName: OutboxEntry]) async throws(SystemCallError) {
        let names = Set(try outbox.waitingNames())
        for name in known.keys where !names.contains(name) { known[name] = nil }
        for name in names where known[name] == nil {
            switch try outbox.read(name) {
            case nil: continue
            case .success(let entry): known[name] = entry
            case .failure(let unreadable):
                logger.error(
                    "unreadable outbox entry moved to dropped/: \(unreadable)",
                    metadata: NianbaoMessageID.notificationDropped.metadata([
                        .notification: name.shown, .outbox: outbox.directory.path, .error: unreadable.reason, .channel: "", .attempts: "0",
                    ]))
                try outbox.drop(name)
            }
        }
        let now = Outbox.nowMicroseconds()
        let due = known.values.filter { $0.isDue(now: now) }.sorted { ($0.queuedAt, $0.id) < ($1.queuedAt, $1.id) }
        var byChannel: [String: [OutboxEntry]] = [:]
        for entry in due { byChannel[entry.channel, default: []].append(entry) }
        for (name, entries) in byChannel.sorted(by: { $0.key < $1.key }) {
            let single = channels[name].flatMap { try? $0.get() } is SendmailChannel
            var start = 0
            while start < entries.count {
                let batch = Array(entries[start..<min(entries.count, start + (single ? 1 : Self.batchLimit))])
                start += batch.count
                let result = await attempt(batch, channel: name)
                for entry in batch { try perform(entry, result, known: &known) }
            }
        }
    }

    /// One delivery of `batch` through `name`, as an ``AttemptResult``.
    func attempt(_ batch: [OutboxEntry], channel name: String) async -> AttemptResult {
        guard let configured = channels[name] else {
            return .transient(reason: "no [Notify.\(name)] channel in the config", retryAfter: nil)
        }
        switch configured {
        case .failure(let error):
            return .transient(reason: "channel \(name) cannot be used: \(error.reason)", retryAfter: nil)
        case .success(let channel):
            do {
                let receipt = try await channel.deliver(batch.map { Delivery(notification: $0.notification, recipients: $0.recipients) })
                return .delivered(answer: receipt.answer)
            } catch {
                return error.isTransient
                    ? .transient(reason: error.reason, retryAfter: error.retryAfter?.microsecondsSinceZero)
                    : .permanent(reason: error.reason)
            }
        }
    }

    /// Records the attempt in the entry and carries the step out on disk.
    func perform(_ entry: OutboxEntry, _ result: AttemptResult, known: inout [FileName: OutboxEntry]) throws(SystemCallError) {
        var entry = entry
        let name = Outbox.fileName(entry.id)
        let step = entry.record(result, now: Outbox.nowMicroseconds(), policy: policy)
        let fields: KeyValuePairs<NianbaoField, String> = [
            .notification: entry.id, .channel: entry.channel, .report: entry.notification.reportName,
            .attempts: "\(entry.attempts)", .outbox: outbox.directory.path,
        ]
        switch step {
        case .sent(let answer):
            try outbox.markSent(entry)
            known[name] = nil
            logger.info(
                "notification \(entry.id) delivered through \(entry.channel): \(answer)",
                metadata: NianbaoMessageID.notificationSent.metadata(fields))
        case .retry(let at):
            try outbox.update(entry)
            known[name] = entry
            let seconds = max(0, at - Outbox.nowMicroseconds()) / 1_000_000
            logger.warning(
                "notification \(entry.id) through \(entry.channel) will be retried in \(seconds) s: \(entry.lastError ?? "")",
                metadata: .fields(fields))
        case .drop(let reason):
            try outbox.markDropped(entry)
            known[name] = nil
            var metadata = NianbaoMessageID.notificationDropped.metadata(fields)
            metadata[field: .error] = "\(reason)"
            logger.error("notification \(entry.id) through \(entry.channel) dropped: \(reason)", metadata: metadata)
        }
    }
}

extension Duration {
    /// The duration in whole microseconds (saturating).
    package var microsecondsSinceZero: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
        return overflow ? Int64.max : scaled + attoseconds / 1_000_000_000_000
    }
}
