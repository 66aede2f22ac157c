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

/// The daemon's post-filing step for notifications: queues each durable verdict in the ``Outbox``
/// (one file write per channel; never a network call, so a channel that is down never slows intake).
package struct OutboxSink: VerdictSink {
    /// The queue in force, nil while notifications are off.
    package let current: CurrentOutboxQueue
    /// The inbox root, whose `accepted/` and `rejected/` hold the findings note beside each report.
    let root: String

    package init(current: CurrentOutboxQueue, root: String) {
        self.current = current
        self.root = root
    }

    package func filed(_ verdict: FiledVerdict) {
        guard let queue = current.queue else { return }
        let folder = verdict.folder.rawValue
        let output = try? DirectoryHandle(path: root + "/" + folder)
        let json = verdict.findingsJSON ?? (try? output?.readFile(verdict.finalName.appending(".findings.json"), limit: OutboxQueue.findingsLimit)) ?? nil
        guard let json else {
            queue.logger.error("no notification for \(folder)/\(verdict.finalName.shown): its findings document cannot be read")
            return
        }
        let note = (try? output?.readFile(verdict.finalName.appending(".findings.txt"), limit: OutboxQueue.findingsLimit)) ?? nil
        queue.queue(OutboxQueue.Filed(
            folder: folder, finalName: verdict.finalName, findingsJSON: json, note: note.map { String(decoding: $0, as: UTF8.self) } ?? "",
            agencyMatched: verdict.judgement?.agencyMatched, filedAt: verdict.filedAt.nanosecondsSinceEpoch / 1000))
    }
}
