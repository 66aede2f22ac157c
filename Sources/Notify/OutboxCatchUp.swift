import FoundationEssentials
import Inbox
import Logging
import ReportValidation

extension OutboxQueue {
    /// Most bytes of a findings document or note read (they are a few KiB; a huge report's note is larger).
    static let findingsLimit = 16 << 20

    /// At daemon start: queues every report filed within the maximum age whose notifications are
    /// neither waiting nor recorded as sent or dropped (the daemon died between filing and queueing).
    ///
    /// Bounded: it lists `accepted/` and `rejected/` of `root`, looks only at `*.findings.json` changed
    /// within ``NotifySettings/maximumAge`` of `now` (µs), and reads only those not yet known.
    /// - Returns: how many entries were queued.
    @discardableResult
    package func catchUp(root: String, now: Int64) -> Int {
        guard !settings.channels.isEmpty else { return 0 }
        let cutoff = now - settings.maximumAge.microsecondsSinceZero
        var queued = 0
        for folder in ["accepted", "rejected"] {
            do {
                let output = try DirectoryHandle(path: root + "/" + folder)
                for name in try output.entries() where name.hasSuffix(".findings.json") {
                    guard let status = try output.status(of: name), status.kind == .regular else { continue }
                    let changed = Int64(status.modified.seconds) * 1_000_000 + Int64(status.modified.nanoseconds / 1000)
                    guard changed >= cutoff else { continue }
                    let finalName = FileName(Array(name.bytes.dropLast(".findings.json".utf8.count)))
                    guard try output.contains(finalName) else { continue }  // an orphan note: no report, nothing filed
                    queued += try catchUp(finalName, in: output, folder: folder, filedAt: changed)
                }
            } catch  where error.errno == .noSuchFileOrDirectory {
                continue  // a first start: nothing filed yet
            } catch {
                logger.error(
                    "catch-up of notifications in \(root)/\(folder) stopped: \(error)",
                    metadata: .fields([.outbox: outbox.directory.path, .error: "\(error)", .errno: "\(error.errno.rawValue)"]))
            }
        }
        if queued > 0 {
            logger.notice(
                "queued \(queued) notifications of reports filed before a restart", metadata: .fields([.outbox: outbox.directory.path]))
        }
        return queued
    }

    /// One filed report: queued for the channels that have not seen it.
    private func catchUp(_ finalName: FileName, in output: DirectoryHandle, folder: String, filedAt: Int64) throws(SystemCallError) -> Int {
        guard let json = try output.readFile(finalName.appending(".findings.json"), limit: Self.findingsLimit),
            let findings = try? JSONDecoder().decode(FiledFindings.self, from: Data(json))
        else { return 0 }
        let id = Self.notificationID(office: office, folder: folder, finalName: finalName.bytes, sha256: findings.sha256)
        var missing = false
        for channel in settings.channels {
            if try !outbox.knows(Self.entryID(notificationID: id, channel: channel.name)) { missing = true }
        }
        guard missing else { return 0 }
        let note = try output.readFile(finalName.appending(".findings.txt"), limit: Self.findingsLimit)
        return queue(
            Filed(
                folder: folder, finalName: finalName, findingsJSON: json,
                note: note.map { String(decoding: $0, as: UTF8.self) } ?? "", agencyMatched: nil, filedAt: filedAt))
    }
}
