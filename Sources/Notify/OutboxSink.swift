import Inbox
import Logging

/// The daemon's post-filing step for notifications: queues each durable verdict in the ``Outbox``
/// (one file write per channel; never a network call, so a channel that is down never slows intake).
package struct OutboxSink: VerdictSink {
    package let queue: OutboxQueue
    /// The inbox root, whose `accepted/` and `rejected/` hold the findings note beside each report.
    let root: String

    package init(queue: OutboxQueue, root: String) {
        self.queue = queue
        self.root = root
    }

    package func filed(_ verdict: FiledVerdict) {
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
