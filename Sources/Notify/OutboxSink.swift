import DequeModule
import Inbox
import Logging
import Synchronization

/// The outbox queue in force: replaced at reload (a channel added, removed or re-routed, the directory
/// re-read), nil while no `[Notify.NAME]` channel is configured.
package final class CurrentOutboxQueue: Sendable {
    private let current: Mutex<OutboxQueue?>

    package init(_ queue: OutboxQueue?) { current = Mutex(queue) }

    package var queue: OutboxQueue? { current.withLock { $0 } }

    /// Puts `queue` in force for the verdicts filed from now on; returns the one it replaces.
    @discardableResult
    package func replace(with queue: OutboxQueue?) -> OutboxQueue? {
        current.withLock { old in
            defer { old = queue }
            return old
        }
    }
}

/// The daemon's post-filing step for notifications: hands each durable verdict to a writer of its own
/// (``run()``), which queues them in the ``Outbox`` a batch at a time, with one pair of syncs per batch
/// (``OutboxQueue/queue(_:)-([Filed])``) and on a thread of its own. So neither a burst's thousands of
/// syncs nor the reading of findings documents slow intake, and a channel that is down never does (no
/// network call here). What a crash leaves unqueued is queued by the catch-up at the next start.
package final class OutboxSink: VerdictSink {
    /// The queue in force, nil while notifications are off.
    package let current: CurrentOutboxQueue
    /// The inbox root, whose `accepted/` and `rejected/` hold the findings note beside each report.
    let root: String
    private let state = Mutex(State())
    private let wakeUps: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    /// The most verdicts queued with one pair of syncs.
    package static let batchLimit = 256

    /// A verdict to queue, with the queue in force when it was filed (a reload later does not re-route it).
    struct Pending: Sendable {
        var queue: OutboxQueue
        var folder: OutputFolder
        var finalName: FileName
        /// Nil for a claim finished after a restart: read back from the output folder.
        var findingsJSON: [UInt8]?
        var agencyMatched: String?
        /// In µs since the epoch.
        var filedAt: Int64
    }

    private struct State {
        var pending = Deque<Pending>()
        var finished = false
    }

    package init(current: CurrentOutboxQueue, root: String) {
        self.current = current
        self.root = root
        (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Verdicts filed and not yet queued.
    package var backlog: Int { state.withLock { $0.pending.count } }

    package func filed(_ verdict: FiledVerdict) {
        guard let queue = current.queue else { return }
        // Only what the entries are made of: a backlog must not keep whole judgements alive.
        let pending = Pending(
            queue: queue, folder: verdict.folder, finalName: verdict.finalName, findingsJSON: verdict.findingsJSON,
            agencyMatched: verdict.judgement?.agencyMatched, filedAt: verdict.filedAt.nanosecondsSinceEpoch / 1000)
        state.withLock { $0.pending.append(pending) }
        wake.yield()
    }

    /// Queues what is handed over until ``finish()`` and nothing is left (or the task is cancelled).
    package func run() async {
        let writer: OutboxWriter
        do {
            writer = try OutboxWriter(executor: DedicatedThreadExecutor(name: "nianbao-outbox"))
        } catch {
            Logger(label: "nianbao.notify").error("notifications are not queued (the catch-up at the next start will): \(error)")
            return
        }
        defer { writer.executor.stop() }
        for await _ in wakeUps {
            while true {
                let batch = state.withLock { Array($0.pending.prefix(Self.batchLimit)) }
                if batch.isEmpty { break }
                await writer.write(batch, root: root)
                _ = state.withLock { $0.pending.removeFirst(batch.count) }
            }
            if state.withLock({ $0.finished }) { return }
        }
    }

    /// Ends ``run()`` once everything handed over is queued.
    package func finish() {
        state.withLock { $0.finished = true }
        wake.yield()
        wake.finish()
    }
}

/// The outbox sink's file work, on a thread of its own: it reads findings documents and notes, and syncs.
private actor OutboxWriter {
    nonisolated let executor: DedicatedThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    init(executor: DedicatedThreadExecutor) { self.executor = executor }

    /// Queues each verdict of `batch` with the queue in force when it was filed: one batch per queue.
    func write(_ batch: [OutboxSink.Pending], root: String) {
        // Each output folder opened once for the batch, not once per verdict.
        var outputs: [OutputFolder: DirectoryHandle?] = [:]
        func output(_ folder: OutputFolder) -> DirectoryHandle? {
            if let opened = outputs[folder] { return opened }
            let opened = try? DirectoryHandle(path: root + "/" + folder.rawValue)
            outputs[folder] = opened
            return opened
        }
        var start = 0
        while start < batch.count {
            let queue = batch[start].queue
            var end = start + 1
            while end < batch.count, batch[end].queue.outbox === queue.outbox, batch[end].queue.settings == queue.settings { end += 1 }
            queue.queue(batch[start..<end].compactMap { Self.filed($0, in: output($0.folder), logger: queue.logger) })
            start = end
        }
    }

    /// What the queue needs of a verdict: its findings document (read back from `output`, its folder, when not
    /// judged here) and note.
    static func filed(_ pending: OutboxSink.Pending, in output: DirectoryHandle?, logger: Logger) -> OutboxQueue.Filed? {
        let folder = pending.folder.rawValue
        let json =
            pending.findingsJSON
            ?? (try? output?.readFile(pending.finalName.appending(".findings.json"), limit: OutboxQueue.findingsLimit)) ?? nil
        guard let json else {
            logger.error("no notification for \(folder)/\(pending.finalName.shown): its findings document cannot be read")
            return nil
        }
        let note = (try? output?.readFile(pending.finalName.appending(".findings.txt"), limit: OutboxQueue.findingsLimit)) ?? nil
        return OutboxQueue.Filed(
            folder: folder, finalName: pending.finalName, findingsJSON: json,
            note: note.map { String(decoding: $0, as: UTF8.self) } ?? "", agencyMatched: pending.agencyMatched, filedAt: pending.filedAt)
    }
}
