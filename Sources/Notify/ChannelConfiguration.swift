import Inbox
import ReportValidation

/// One `[Notify.NAME]` section of `nianbao.conf`: a channel, whom it tells, and about what.
///
/// Secrets are never in the file (it is world-readable): `Secret=` and `URLCredential=` name files
/// that systemd's `LoadCredential=` puts in `$CREDENTIALS_DIRECTORY` (see ``CredentialStore``).
package struct ChannelConfiguration: Sendable, Hashable {
    package var name: String
    package var kind: ChannelKind
    /// To the submitting agency's contact, to the office's reviewers, or both.
    package var route: Route = .both
    /// Rejected reports only, or every verdict.
    package var verdicts: VerdictFilter = .all
    package var language: Language = .zh
    /// The office's reviewers (mail addresses, for mail).
    package var reviewers: [String] = []
    /// Mail: the sender address (`From:`); empty lets the MTA choose.
    package var from: String = ""
    /// Webhook/robot URL, when it holds no secret; a URL with a key in it goes in ``urlCredential``.
    package var url: String = ""
    /// The credential holding the full URL (企业微信's and 钉钉's carry the key in the URL).
    package var urlCredential: String = ""
    /// The credential holding the signing secret (钉钉 加签, 飞书 签名校验, the webhook's HMAC key), or for
    /// mail the relay's password (its file's path goes to sendmail, see ``SendmailChannel/passwordFile``).
    package var secretCredential: String = ""
    /// Command hook: the program and its arguments (absolute path), the notification as JSON on stdin.
    package var exec: [String] = []
    /// How long one delivery may take (connect + answer, or the command/sendmail run).
    package var timeLimit: Duration = .seconds(30)

    package init(name: String, kind: ChannelKind) {
        self.name = name
        self.kind = kind
    }

    /// Whether this channel tells anyone about `verdict`.
    package func wants(_ verdict: Verdict) -> Bool {
        verdicts == .all || verdict == .rejected
    }
}

/// The kinds of channel, as written in `Type=`.
package enum ChannelKind: String, Sendable, Hashable, CaseIterable {
    case mail
    case wecom
    case dingtalk
    case feishu
    case webhook
    case exec
}

/// `Route=`: who hears of a verdict (the rule itself: ``NotificationRouting``).
package typealias Route = NotificationRoute

/// `Verdicts=`: `rejected` (only rejections) or `all`.
package typealias VerdictFilter = VerdictSelection

/// The `[Notify]` section (the notifier as a whole) and every `[Notify.NAME]` channel.
package struct NotifySettings: Sendable, Hashable {
    /// A notification not delivered by then is dropped (journal entry, counted).
    package var maximumAge: Duration = .seconds(2 * 24 * 3600)
    /// The first retry's delay; each next one doubles, up to ``maximumRetryDelay``.
    package var retryDelay: Duration = .seconds(30)
    package var maximumRetryDelay: Duration = .seconds(3600)
    /// The system's sendmail interface and any arguments (absolute path; any MTA provides it).
    package var sendmail: [String] = ["/usr/sbin/sendmail"]
    /// `nianbao digest` reminds each agency without an accepted report from this many days before its
    /// deadline up to the deadline day (0: on the day only), then weekly while overdue; nil (`off`) sends none.
    package var remindDaysBefore: Int? = 7
    package var channels: [ChannelConfiguration] = []

    package init() {}

    package func channel(named name: String) -> ChannelConfiguration? {
        channels.first { $0.name == name }
    }
}
