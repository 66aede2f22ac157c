import AsyncHTTPClient
import Inbox
import Logging

/// Every configured channel, built once at start; one whose credential is missing or unreadable stays
/// a failure (its notifications wait, and are retried, until the maximum age).
package enum ChannelSet {
    package static func make(
        _ settings: NotifySettings, credentials: CredentialStore, client: HTTPClient, logger: Logger
    ) -> [String: Result<any NotificationChannel, DeliveryError>] {
        var channels: [String: Result<any NotificationChannel, DeliveryError>] = [:]
        for configuration in settings.channels {
            if configuration.kind == .mail {
                channels[configuration.name] = .success(SendmailChannel(configuration: configuration, sendmail: settings.sendmail))
                continue
            }
            do {
                if let channel = try HTTPChannels.make(configuration, credentials: credentials, client: client, logger: logger) {
                    channels[configuration.name] = .success(channel)
                }
            } catch {
                logger.error("channel \(configuration.name) cannot be used: \(error.reason)", metadata: .fields([.channel: configuration.name]))
                channels[configuration.name] = .failure(error)
            }
        }
        return channels
    }
}
