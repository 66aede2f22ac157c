import Inbox
import ReportValidation

/// Mail through the system's `sendmail` interface (postfix, exim4, msmtp-mta all provide it): one
/// message per notification, the recipients on the command line (`-i --`), run like every helper
/// program: fixed path, a clean environment, its own process group, a time limit.
package struct SendmailChannel: NotificationChannel {
    package var configuration: ChannelConfiguration
    /// The program and its arguments, from `[Notify] Sendmail=` (absolute path, never looked up in PATH).
    package var sendmail: [String]

    /// The file holding the SMTP password (the channel's `Secret=` credential), for an MTA that logs in to
    /// its relay: sendmail gets its path as `$NIANBAO_SMTP_PASSWORD_FILE` (msmtp: `passwordeval`), never the password.
    package var passwordFile: String?

    /// The variable naming ``passwordFile`` in sendmail's environment.
    package static let passwordFileVariable = "NIANBAO_SMTP_PASSWORD_FILE"

    package init(configuration: ChannelConfiguration, sendmail: [String], passwordFile: String? = nil) {
        self.configuration = configuration
        self.sendmail = sendmail
        self.passwordFile = passwordFile
    }

    package var name: String { configuration.name }

    /// sysexits(3) statuses that retrying cannot cure: usage, bad data, no such user or host, no
    /// permission, bad MTA configuration. Every other failure (75 EX_TEMPFAIL, 69 unavailable…) is retried.
    static let permanentStatuses: Set<CInt> = [64, 65, 67, 68, 77, 78]

    package func deliver(_ batch: [Delivery]) async throws(DeliveryError) -> DeliveryReceipt {
        var answers: [String] = []
        for delivery in batch {
            answers.append(try await MailSubmitter.run { () throws(DeliveryError) in try send(delivery) })
        }
        return DeliveryReceipt(answer: answers.joined(separator: "; "))
    }

    /// Runs sendmail once for `delivery` (blocking: ``deliver(_:)`` runs it on ``MailSubmitter``'s thread).
    func send(_ delivery: Delivery) throws(DeliveryError) -> String {
        guard !delivery.recipients.isEmpty else { throw DeliveryError("no recipient for this notification", transient: false) }
        let message = MailMessage(
            delivery.notification, channel: name, from: configuration.from, to: delivery.recipients,
            language: configuration.language)
        return try submit(message)
    }

    /// Hands `message` to sendmail for its `To:` recipients; the answer names its Message-ID.
    package func submit(_ message: MailMessage) throws(DeliveryError) -> String {
        guard !message.to.isEmpty else { throw DeliveryError("no recipient for this message", transient: false) }
        guard let program = sendmail.first, program.hasPrefix("/") else {
            throw DeliveryError("Sendmail= must be an absolute path", transient: false)
        }
        var arguments = Array(sendmail.dropFirst()) + ["-i"]
        if !configuration.from.isEmpty { arguments += ["-f", configuration.from] }
        arguments += ["--"] + message.to
        let environment =
            ["PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8"] + (passwordFile.map { ["\(Self.passwordFileVariable)=\($0)"] } ?? [])
        let process = PipedProcess(
            executable: program, arguments: arguments,
            environment: environment, timeLimit: configuration.timeLimit,
            outputLimit: 64 << 10)
        let outcome: PipedProcess.Outcome
        do {
            outcome = try process.run(input: message.bytes)
        } catch {
            throw DeliveryError("cannot run \(program): \(error)", transient: error.errno != .noSuchFileOrDirectory)
        }
        switch outcome {
        case .exited(0, _, _):
            return "\(message.messageID) accepted by \(program)"
        case .exited(let status, _, let error):
            let said = String(decoding: error.prefix(500), as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            throw DeliveryError("\(program) exited \(status): \(said)", transient: !Self.permanentStatuses.contains(status))
        case .signalled(let signal, _):
            throw DeliveryError("\(program) killed by signal \(signal)", transient: true)
        case .timedOut:
            throw DeliveryError("\(program) ran longer than \(configuration.timeLimit)", transient: true)
        case .outputTooLarge:
            throw DeliveryError("\(program) wrote too much output", transient: true)
        }
    }
}
