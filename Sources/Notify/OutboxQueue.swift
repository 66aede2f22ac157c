import Crypto
import FoundationEssentials
import Inbox
import Logging
import ReportValidation

/// Puts the notifications of a filed report into the ``Outbox``: one entry per configured channel that
/// routing sends it to (``NotificationRouting``), made from the report's findings document, so that the
/// post-filing step and the start-up catch-up queue the same entries under the same ids.
package struct OutboxQueue: Sendable {
    package let outbox: Outbox
    package let settings: NotifySettings
    /// The inbox root: with the folder, final name and digest it makes a verdict's id.
    package let office: String
    package let agencies: AgencyDirectory?
    let logger: Logger

    package init(outbox: Outbox, settings: NotifySettings, office: String, agencies: AgencyDirectory?, logger: Logger) {
        self.outbox = outbox
        self.settings = settings
        self.office = office
        self.agencies = agencies
        self.logger = logger
    }

    /// The verdict's id (``Notification/id``): `nb-` and 32 hex digits of the SHA-256 of the office,
    /// the folder, the final name and the report's digest. The same for every channel (mail's
    /// Message-ID adds the channel); stable across retries, restarts and re-queues.
    package static func notificationID(office: String, folder: String, finalName: [UInt8], sha256: String?) -> String {
        var hasher = SHA256()
        for part in [Array(office.utf8), Array(folder.utf8), finalName, Array((sha256 ?? "").utf8)] {
            hasher.update(data: part)
            hasher.update(data: [0])
        }
        return "nb-"
            + hasher.finalize().prefix(16).map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }.joined()
    }

    /// The outbox entry's id: the verdict's id and the channel (`nb-…-office-mail`).
    package static func entryID(notificationID: String, channel: String) -> String { notificationID + "-" + channel }

    /// One filed report, as its findings document says; `filedAt` in µs since the epoch.
    package struct Filed: Sendable {
        package var folder: String
        package var finalName: FileName
        package var findingsJSON: [UInt8]
        package var note: String
        /// The directory's name for the agency when the daemon matched it; nil to match the title here.
        package var agencyMatched: String?
        package var filedAt: Int64

        package init(folder: String, finalName: FileName, findingsJSON: [UInt8], note: String, agencyMatched: String?, filedAt: Int64) {
            self.folder = folder
            self.finalName = finalName
            self.findingsJSON = findingsJSON
            self.note = note
            self.agencyMatched = agencyMatched
            self.filedAt = filedAt
        }
    }

    /// Queues `filed` for every channel routing sends it to; returns how many entries were new.
    /// Never throws: a failure is logged (the start-up catch-up queues what was missed).
    @discardableResult
    package func queue(_ filed: Filed) -> Int { queue([filed]) }

    /// Queues every one of `batch` with one pair of syncs for all (``Outbox/enqueue(_:)``);
    /// returns how many entries were new. Never throws: a failure is logged, and the catch-up at the next
    /// start queues what was missed.
    @discardableResult
    package func queue(_ batch: [Filed]) -> Int {
        guard !settings.channels.isEmpty else { return 0 }
        let entries = batch.flatMap(entries(for:))
        guard !entries.isEmpty else { return 0 }
        do {
            return try outbox.enqueue(entries)
        } catch {
            logger.error(
                "\(entries.count) notifications not queued: \(error)",
                metadata: .fields([
                    .report: batch.map(\.finalName.shown).joined(separator: " "), .outbox: outbox.directory.path,
                    .error: "\(error)", .errno: "\(error.errno.rawValue)",
                ]))
            return 0
        }
    }

    /// The entries of `filed`, made from its findings document; none (logged) when it cannot be read.
    func entries(for filed: Filed) -> [OutboxEntry] {
        let findings: FiledFindings
        do {
            findings = try JSONDecoder().decode(FiledFindings.self, from: Data(filed.findingsJSON))
        } catch {
            logger.error(
                "no notification for \(filed.folder)/\(filed.finalName.shown): its findings document is unreadable: \(error)",
                metadata: .fields([.report: filed.finalName.shown, .outbox: outbox.directory.path]))
            return []
        }
        let id = Self.notificationID(office: office, folder: filed.folder, finalName: filed.finalName.bytes, sha256: findings.sha256)
        return entries(for: filed, findings: findings, id: id)
    }

    /// The entries routing makes of one report, one per channel that tells someone.
    func entries(for filed: Filed, findings: FiledFindings, id: String) -> [OutboxEntry] {
        let matched = filed.agencyMatched ?? Notification.agency(fromTitle: findings.title).flatMap { agencies?.match($0).agency?.name }
        let agency = matched.flatMap { name in agencies?.agencies.first { $0.name == name } }
        let notePath = filed.folder + "/" + filed.finalName.shown + ".findings.txt"
        var entries: [OutboxEntry] = []
        for channel in settings.channels {
            let routing = NotificationRouting(
                route: channel.route, verdicts: channel.verdicts, reviewers: channel.reviewers,
                addressed: channel.kind == .mail)
            switch routing.decide(verdict: findings.verdict, agencyKnown: agency != nil, agencyAddress: agency?.email) {
            case .skip(let reason):
                logger.debug(
                    "not queued for \(channel.name): \(reason)",
                    metadata: .fields([.report: filed.finalName.shown, .channel: channel.name]))
            case .deliver(let recipients):
                let notification = Notification(
                    id: id, filed: findings, agencyMatched: matched, reportName: filed.finalName.shown, notePath: notePath,
                    note: filed.note, language: channel.language, filedAt: filed.filedAt)
                entries.append(
                    OutboxEntry(
                        id: Self.entryID(notificationID: id, channel: channel.name), channel: channel.name,
                        recipients: recipients, notification: notification, queuedAt: Outbox.nowMicroseconds()))
            }
        }
        return entries
    }
}
