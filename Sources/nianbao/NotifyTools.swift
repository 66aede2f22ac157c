import ArgumentParser
import Inbox
import Logging
import Notify

/// `nianbao notify --pending`.
enum NotifyPending {
    static func print(_ outbox: Outbox) throws {
        do {
            for line in try OutboxListing.lines(outbox, now: Outbox.nowMicroseconds()) { Swift.print(line) }
        } catch {
            ConsoleOutput.error("nianbao: \(error)")
            throw ExitCode(1)
        }
    }
}

/// `nianbao notify --test CHANNEL`: prints the channel's answer; exit 1 when it refused.
enum NotifyTest {
    static func run(channel name: String, settings: NotifySettings) throws {
        guard let configuration = settings.channel(named: name) else {
            let known = settings.channels.map(\.name).joined(separator: ", ")
            throw ValidationError("no [Notify.\(name)] in the config" + (known.isEmpty ? "" : " (channels: \(known))"))
        }
        let logger = Logger(label: "nianbao.notify") { _ in SwiftLogNoOpLogHandler() }
        let result: Result<String, DeliveryError> = try BlockingTask.run {
            let client = RobotChannel.makeClient()
            let channels = ChannelSet.make(settings, credentials: .fromEnvironment(), client: client, logger: logger)
            let outcome: Result<String, DeliveryError>
            switch channels[name] {
            case .success(let channel):
                outcome = await ChannelTest.run(channel, configuration: configuration, now: Outbox.nowMicroseconds())
            case .failure(let error): outcome = .failure(error)
            case nil: outcome = .failure(DeliveryError("channel \(name) was not built", transient: false))
            }
            try? await client.shutdown()
            return outcome
        }
        switch result {
        case .success(let answer):
            Swift.print("\(name): delivered: \(answer)")
        case .failure(let error):
            Swift.print("\(name): not delivered: \(error)")
            throw ExitCode(1)
        }
    }
}
