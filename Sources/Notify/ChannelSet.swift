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
                // The SMTP password stays in its credential file: only its path goes to sendmail.
                let passwordFile = configuration.secretCredential.isEmpty ? nil : credentials.path(of: configuration.secretCredential)
                if !configuration.secretCredential.isEmpty, passwordFile == nil {
                    let error = DeliveryError(
                        "credential \"\(configuration.secretCredential)\" (the SMTP password) was not handed to nianbao notify "
                            + "(add LoadCredential=\(configuration.secretCredential):/path to nianbao-notify.service)", transient: false)
                    logger.error(
                        "channel \(configuration.name) cannot be used: \(error.reason)", metadata: .fields([.channel: configuration.name]))
                    channels[configuration.name] = .failure(error)
                    continue
                }
                channels[configuration.name] = .success(
                    SendmailChannel(configuration: configuration, sendmail: settings.sendmail, passwordFile: passwordFile))
                continue
            }
            do {
                if let channel = try HTTPChannels.make(configuration, credentials: credentials, client: client, logger: logger) {
                    channels[configuration.name] = .success(channel)
                }
            } catch {
                logger.error(
                    "channel \(configuration.name) cannot be used: \(error.reason)", metadata: .fields([.channel: configuration.name]))
                channels[configuration.name] = .failure(error)
            }
        }
        return channels
    }
}
