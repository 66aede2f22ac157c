import Inbox
import Logging
import Notify
import UnixSignals

/// `nianbao notify`'s life: delivers through the channels of the config until SIGTERM or SIGINT; on SIGHUP
/// (`systemctl reload nianbao`, propagated to nianbao-notify) it re-reads the config and delivers on through
/// the new channels and credentials. A config with an error is refused and the channels in force are kept.
struct NotifyLoop {
    let source: ConfigurationSource
    let outbox: Outbox
    let logger: Logger

    func run(settings first: NotifySettings) async {
        let client = RobotChannel.makeClient()
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint, .sighup)
        let (requests, request) = AsyncStream.makeStream(of: UnixSignal.self)
        let forwarding = Task {
            for await signal in signals { request.yield(signal) }
            request.finish()
        }
        var requested = requests.makeAsyncIterator()
        var settings = first
        while true {
            let channels = ChannelSet.make(settings, credentials: .fromEnvironment(), client: client, logger: logger)
            let notifier = Notifier(outbox: outbox, channels: channels, settings: settings, logger: logger)
            let delivering = Task { await notifier.run() }
            let signal = await requested.next()
            // What is in flight is cancelled and, not recorded as sent, tried again: at least once.
            delivering.cancel()
            await delivering.value
            guard signal == .sighup else { break }
            settings = reloaded(from: settings)
        }
        forwarding.cancel()
        try? await client.shutdown()
        logger.info("stopped")
    }

    /// The settings after one SIGHUP: the re-read ones, or `current` when the file has an error.
    func reloaded(from current: NotifySettings) -> NotifySettings {
        do {
            let new = try Nianbao.NotifyCommand.notifySettings(source)
            logger.info(
                "config reloaded: delivering through \(new.channels.count) channels",
                metadata: NianbaoMessageID.configReloaded.metadata([.config: source.path, .changed: "Notify"]))
            return new
        } catch {
            logger.error(
                "config not reloaded, keeping the previous channels: \(error)",
                metadata: NianbaoMessageID.configRefused.metadata([.config: source.path, .error: "\(error)"]))
            return current
        }
    }
}
