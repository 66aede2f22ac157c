import AsyncHTTPClient
import Inbox
import Logging

/// The channels of `[Notify.NAME]` sections that speak HTTP (the chat robots, the webhook) or run a
/// command, built with their secrets from the credentials directory; mail is built elsewhere.
package enum HTTPChannels {
    /// The channel for `configuration`, nil for mail.
    ///
    /// - Parameter client: the process's one HTTP client (``RobotChannel/makeClient()``), shut down by the caller.
    /// - Throws: ``DeliveryError`` (not transient) when a credential it names cannot be read or `Exec=` is empty.
    package static func make(
        _ configuration: ChannelConfiguration, credentials: CredentialStore, client: HTTPClient, logger: Logger
    ) throws(DeliveryError) -> (any NotificationChannel)? {
        let kind: RobotKind
        switch configuration.kind {
        case .mail: return nil
        case .wecom: kind = .weCom
        case .dingtalk: kind = .dingTalk
        case .feishu: kind = .feishu
        case .webhook: kind = .webhook
        case .exec:
            guard let program = configuration.exec.first else {
                throw DeliveryError("[Notify.\(configuration.name)] has Type=exec but no Exec=", transient: false)
            }
            do {
                return try CommandHook(
                    name: configuration.name, executable: program, arguments: Array(configuration.exec.dropFirst()),
                    timeLimit: configuration.timeLimit, logger: logger)
            } catch {
                throw DeliveryError("the hook's thread cannot be started: \(error)", transient: true)
            }
        }
        let address = configuration.urlCredential.isEmpty ? configuration.url : try credentials.secret(configuration.urlCredential)
        guard !address.isEmpty else {
            throw DeliveryError(
                "[Notify.\(configuration.name)] needs URLCredential= (or URL= when the address holds no key)", transient: false)
        }
        let signing = configuration.secretCredential.isEmpty ? nil : try credentials.secret(configuration.secretCredential)
        return RobotChannel(
            name: configuration.name, kind: kind, address: Secret(Array(address.utf8)),
            signingSecret: signing.map { Secret(Array($0.utf8)) },
            client: client, requestDeadline: configuration.timeLimit, logger: logger)
    }
}
