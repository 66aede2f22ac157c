import DequeModule
import Inbox
import Logging
import Synchronization

/// Told of something the recorder stored: the overview page and the like are made again from it.
package protocol RecordedBatchObserver: Sendable {
    func recorded(_ records: [RegisterRecord]) async
}

/// Records each filed verdict in the register, off the daemon's path: ``filed(_:)`` only queues (the
/// engine never waits on a database, nor reads the findings document back into a record: that is done
/// here, by ``run()``'s task); ``run()`` stores the queue in batches — as many as filed since the
/// last write, so the register's writes follow the daemon's durability batches — and keeps what it
/// could not store, trying again with a growing pause, one warning per outage, the backlog in ``backlog``.
package final class RegisterRecorder: VerdictSink {
    package let office: String
    private let store: any RegisterStore
    private let logger: Logger
    private let observer: (any RecordedBatchObserver)?
    private let state = Mutex(State())
    private let wakeUps: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    /// The most records stored in one transaction.
    package static let batchLimit = 500
    /// The pauses between attempts while the register is unreachable: doubling from the first to the last.
    package static let retryPauses = (first: Duration.seconds(1), last: Duration.seconds(60))

    /// This recorder's pauses (tests lengthen them to prove that ``finish()`` cuts one short).
    private let pauses: (first: Duration, last: Duration)

    /// What waits to be recorded: a record (of a verdict judged here, or found by the catch-up), or the
    /// findings document of a claim finished after a restart, read into one when its batch is stored.
    private enum Queued: Sendable {
        case record(RegisterRecord)
        case filed(document: [UInt8], folder: String, finalName: [UInt8], filedAt: Int64)
    }

    private struct State {
        var queue = Deque<Queued>()
        /// Set while the register is unreachable: when it was first noticed, and why.
        var outage: String?
        var finished = false
        /// The pause between two attempts in progress, cancelled by ``finish()``.
        var resting: Task<Void, Never>?
    }

    package init(
        store: any RegisterStore, office: String, logger: Logger, observer: (any RecordedBatchObserver)? = nil,
        retryPauses: (first: Duration, last: Duration) = RegisterRecorder.retryPauses
    ) {
        self.store = store
        self.office = office
        self.logger = logger
        self.observer = observer
        pauses = retryPauses
        (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Verdicts filed and not yet in the register.
    package var backlog: Int { state.withLock { $0.queue.count } }

    /// Why the register cannot be written to now; nil when it can (or has not been tried).
    package var outage: String? { state.withLock { $0.outage } }

    /// `register backlog 3 (register … unavailable: …)`, for `STATUS=`; nil while nothing waits.
    package var statusPart: String? {
        state.withLock { state in
            guard !state.queue.isEmpty || state.outage != nil else { return nil }
            return "register backlog \(state.queue.count)" + (state.outage.map { " (\($0))" } ?? "")
        }
    }

    package func filed(_ verdict: FiledVerdict) {
        // Judged by this process: the record is at hand (no findings document to parse).
        if let record = RegisterRecord(filed: verdict, office: office) {
            state.withLock { $0.queue.append(.record(record)) }
            wake.yield()
            return
        }
        guard let document = verdict.findingsJSON else {
            // Recorded from the output folder at the next start (``RegisterCatchUp``).
            logger.warning("not recorded in the register now: no findings document for \(verdict.finalName.shown)")
            return
        }
        let queued = Queued.filed(
            document: document, folder: verdict.folder.rawValue, finalName: verdict.finalName.bytes,
            filedAt: verdict.filedAt.nanosecondsSinceEpoch / 1000)
        state.withLock { $0.queue.append(queued) }
        wake.yield()
    }

    /// Queues records found by the catch-up at start, after what is queued already.
    package func enqueue(_ records: [RegisterRecord]) {
        guard !records.isEmpty else { return }
        state.withLock { $0.queue.append(contentsOf: records.map(Queued.record)) }
        wake.yield()
    }

    /// The records of `batch`; a findings document that cannot be read is left to the next start's catch-up.
    private func records(_ batch: [Queued]) -> [RegisterRecord] {
        batch.compactMap { queued in
            switch queued {
            case .record(let record): return record
            case .filed(let document, let folder, let finalName, let filedAt):
                if let record = RegisterRecord(
                    findingsDocument: document, folder: folder, finalName: finalName, office: office, filedAt: filedAt)
                {
                    return record
                }
                logger.warning(
                    "not recorded in the register now: its findings document cannot be read",
                    metadata: ["nianbao_path": "\(folder)/\(String(decoding: finalName, as: UTF8.self))"])
                return nil
            }
        }
    }

    /// Stores what is queued until ``finish()`` and the queue is empty (or the task is cancelled).
    package func run() async {
        var pause = pauses.first
        for await _ in wakeUps {
            while true {
                let batch = state.withLock { Array($0.queue.prefix(Self.batchLimit)) }
                if batch.isEmpty { break }
                do {
                    let stored = try await store.record(records(batch))
                    let recovered = state.withLock { state in
                        state.queue.removeFirst(batch.count)
                        defer { state.outage = nil }
                        return state.outage != nil
                    }
                    if recovered { logger.notice("register reachable again: \(stored.count) reports recorded") }
                    pause = pauses.first
                    await observer?.recorded(stored)
                } catch {
                    let reason = "\(error)"
                    let first = state.withLock { state in
                        defer { state.outage = reason }
                        return state.outage == nil
                    }
                    if first {
                        logger.warning(
                            "register unreachable, reports are still filed and will be recorded when it returns: \(reason)",
                            metadata: ["backlog": "\(backlog)"])
                    }
                    // At shutdown nothing waits for a register that is down: the next start catches up.
                    guard await rest(pause) else { return }
                    pause = min(pause * 2, pauses.last)
                }
            }
            if state.withLock({ $0.finished }) { return }
        }
    }

    /// Waits `pause` before the next attempt; false, at once, when ``finish()`` is called or the task is
    /// cancelled meanwhile (a stop must not wait out a long pause: systemd would kill the daemon).
    private func rest(_ pause: Duration) async -> Bool {
        let resting = Task { _ = try? await Task.sleep(for: pause) }
        let finished = state.withLock { state in
            if !state.finished { state.resting = resting }
            return state.finished
        }
        if finished { resting.cancel() }
        await withTaskCancellationHandler {
            await resting.value
        } onCancel: {
            resting.cancel()
        }
        return state.withLock { state in
            state.resting = nil
            return !state.finished
        } && !Task.isCancelled
    }

    /// Ends ``run()`` once the queue is stored (at shutdown: what is left is caught up at the next start).
    /// A pause between attempts at an unreachable register ends at once.
    package func finish() {
        let resting = state.withLock { state in
            state.finished = true
            return state.resting
        }
        resting?.cancel()
        wake.yield()
        wake.finish()
    }
}
