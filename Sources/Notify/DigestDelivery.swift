import AsyncHTTPClient
import Inbox
import Logging
import ReportValidation

/// Sends `nianbao digest`'s messages (the office's digest, deadline reminders) through the configured
/// channels directly, without the outbox: the digest runs once a day from a timer, and its state file
/// says which reminders went out.
///
/// Mail goes to the recipients given (the reviewers, or an agency's contact); a chat robot, the webhook
/// and the command hook post to their own target.
package struct DigestDelivery: Sendable {
    let settings: NotifySettings
    let credentials: CredentialStore
    let client: HTTPClient
    let logger: Logger

    /// - Parameter client: the process's one HTTP client (``RobotChannel/makeClient()``), shut down by the caller.
    package init(settings: NotifySettings, credentials: CredentialStore, client: HTTPClient, logger: Logger) {
        self.settings = settings
        self.credentials = credentials
        self.client = client
        self.logger = logger
    }

    /// Runs `body` with a delivery on a fresh HTTP client, shut down afterwards.
    package static func with<T: Sendable>(
        settings: NotifySettings, credentials: CredentialStore, logger: Logger,
        _ body: @Sendable (DigestDelivery) async throws -> T
    ) async throws -> T {
        let client = RobotChannel.makeClient()
        do {
            let result = try await body(DigestDelivery(settings: settings, credentials: credentials, client: client, logger: logger))
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Sends `message` on `channel`; `recipients` are the mail addresses (ignored by the other kinds).
    package func send(_ message: DigestMessage, on channel: ChannelConfiguration, to recipients: [String]) async throws(DeliveryError)
        -> DeliveryReceipt
    {
        switch channel.kind {
        case .mail:
            let sendmail = SendmailChannel(configuration: channel, sendmail: settings.sendmail)
            let mailMessage = MailMessage(message, channel: channel.name, from: channel.from, to: recipients)
            return DeliveryReceipt(answer: try await MailSubmitter.run { () throws(DeliveryError) in try sendmail.submit(mailMessage) })
        case .exec:
            guard let hook = try HTTPChannels.make(channel, credentials: credentials, client: client, logger: logger) as? CommandHook else {
                throw DeliveryError("[Notify.\(channel.name)] is not a command hook", transient: false)
            }
            return try await hook.run(document: message.document, count: 1).receipt()
        case .wecom, .dingtalk, .feishu, .webhook:
            guard let robot = try HTTPChannels.make(channel, credentials: credentials, client: client, logger: logger) as? RobotChannel
            else {
                throw DeliveryError("[Notify.\(channel.name)] is not a robot or webhook", transient: false)
            }
            let url = robot.address.text
            guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
                throw DeliveryError("the address of \(robot.kind.displayName) \(channel.name) is not an http(s) URL", transient: false)
            }
            let built = RobotRequest.make(
                robot.kind, url: url, signingSecret: robot.signingSecret, nowMilliseconds: RobotChannel.nowMilliseconds(),
                deliveryID: message.id
            ) { feishuSign in Self.body(message, for: robot.kind, feishuSign: feishuSign) }
            return try await robot.post(built, count: 1).receipt()
        }
    }

    /// The vendor's message for `message`: the same envelopes as a verdict's (``RobotPayload``).
    static func body(_ message: DigestMessage, for kind: RobotKind, feishuSign: (seconds: Int64, sign: String)?) -> [UInt8] {
        switch kind {
        case .weCom:
            return RobotPayload.weCom(content: message.chatText(limit: ChatMarkdown.Dialect.weCom.byteLimit, heading: true))
        case .dingTalk:
            return RobotPayload.dingTalk(
                title: message.chatTitle, text: message.chatText(limit: ChatMarkdown.Dialect.dingTalk.byteLimit, heading: true))
        case .feishu:
            return RobotPayload.feishu(
                title: message.chatTitle, text: message.chatText(limit: ChatMarkdown.Dialect.feishu.byteLimit, heading: false),
                template: message.event == .digest ? "blue" : "orange", timestampSeconds: feishuSign?.seconds, sign: feishuSign?.sign)
        case .webhook:
            return message.document
        }
    }
}
