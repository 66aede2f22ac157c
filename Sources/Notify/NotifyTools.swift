import Inbox
import Logging
import ReportValidation

/// What `nianbao notify --pending` prints: one line per waiting notification, then the counts.
package enum OutboxListing {
    /// `nb-…-office  office  rejected  温县_2021年报.docx  attempts 2  next in 40 s  last: HTTP 503`.
    package static func lines(_ outbox: Outbox, now: Int64) throws(SystemCallError) -> [String] {
        var entries: [OutboxEntry] = []
        var unreadable: [String] = []
        for name in try outbox.waitingNames() {
            switch try outbox.read(name) {
            case .success(let entry): entries.append(entry)
            case .failure(let problem): unreadable.append("\(problem.name)  unreadable: \(problem.reason)")
            case nil: continue
            }
        }
        var lines = entries.sorted { ($0.queuedAt, $0.id) < ($1.queuedAt, $1.id) }.map { entry in
            var line = "\(entry.id)  \(entry.channel)  \(entry.notification.verdict.rawValue)  \(entry.notification.reportName)"
            if !entry.recipients.isEmpty { line += "  to " + entry.recipients.joined(separator: ",") }
            line += "  attempts \(entry.attempts)"
            line += entry.isDue(now: now) ? "  due" : "  next in \((entry.notBefore - now) / 1_000_000) s"
            if let last = entry.lastError { line += "  last: " + last }
            return line
        }
        lines += unreadable
        let counts = try outbox.counts()
        lines.append("\(outbox.directory.path): \(counts.waiting) waiting, \(counts.sent) sent, \(counts.dropped) dropped")
        return lines
    }
}

/// `nianbao notify --test CHANNEL`: one made-up verdict through one channel, and its answer.
package enum ChannelTest {
    /// The test notification: a rejection of a report named `nianbao-测试.txt`, clearly marked as a test.
    package static func notification(now: Int64, language: Language) -> Notification {
        Notification(
            id: "nb-test-\(now)", verdict: .rejected, agencyTitled: "nianbao 测试消息", agencyMatched: nil, year: nil,
            reportName: "nianbao-测试.txt", notePath: "rejected/nianbao-测试.txt.findings.txt",
            note: "这是 nianbao notify --test 发送的测试消息，不是真实的核查结果。\nA test message from nianbao notify --test.\n",
            findings: [], language: language, filedAt: now)
    }

    /// Sends the test through `channel`; the channel's answer, or why it refused.
    package static func run(_ channel: any NotificationChannel, configuration: ChannelConfiguration, now: Int64) async -> Result<
        String, DeliveryError
    > {
        let delivery = Delivery(notification: notification(now: now, language: configuration.language), recipients: configuration.reviewers)
        do {
            return .success(try await channel.deliver([delivery]).answer)
        } catch {
            return .failure(error)
        }
    }
}
