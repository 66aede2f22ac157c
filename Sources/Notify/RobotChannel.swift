import AsyncHTTPClient
import Logging
import ReportValidation

/// One configured chat robot or webhook: posts a batch of verdicts as one message and says what came of it.
///
/// The address (which carries the robot's key) and the signing secret are ``Secret``s read from files;
/// logs show the address through ``RedactedURL``. At most ``RobotKind/messagesPerMinute`` messages go
/// out per minute: past that a batch is handed back as retryable, and the outbox joins what waits into
/// the next one.
package struct RobotChannel: Sendable {
    package var name: String
    package var kind: RobotKind
    package var address: Secret
    package var signingSecret: Secret?
    let client: HTTPClient
    let window: SendWindow
    let logger: Logger
    /// Longest one request may take, connecting included (each phase also has its own timeout in the client).
    let requestDeadline: Duration
    /// Most bytes of an answer read: the robots answer in a few dozen.
    package static let answerLimit = 64 << 10

    /// - Parameter client: the process's one ``HTTPClient`` (``RobotChannel/makeClient()``).
    package init(
        name: String, kind: RobotKind, address: Secret, signingSecret: Secret?, client: HTTPClient,
        requestDeadline: Duration = .seconds(30), logger: Logger
    ) {
        self.requestDeadline = requestDeadline
        self.name = name
        self.kind = kind
        self.address = address
        self.signingSecret = signingSecret
        self.client = client
        self.window = SendWindow(perMinute: kind.messagesPerMinute)
        self.logger = logger
    }

    /// The shared client: 10 s to connect, 30 s between reads, no redirects (a robot's address never
    /// moves; following one could carry the key to another host), TLS with certificate checks for https.
    package static func makeClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(30)),
            decompression: .disabled)
        configuration.httpVersion = .http1Only
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// The address as logs show it.
    package var shownAddress: String { RedactedURL.shown(address.text) }

    /// Posts `notices` as one message; `nowMilliseconds` is the Unix time the signatures are made for.
    package func send(_ notices: [Notification], nowMilliseconds: Int64) async -> DeliveryOutcome {
        guard !notices.isEmpty else { return .delivered(answer: "nothing to send") }
        let url = address.text
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
            return .permanent(reason: "the address of \(kind.displayName) \(name) is not an http(s) URL")
        }
        if let wait = window.reserve(nowMilliseconds: nowMilliseconds) {
            return .retryable(
                reason: "\(kind.messagesPerMinute) messages a minute already sent to \(kind.displayName) \(name)", after: wait)
        }
        let built = RobotRequest.make(kind, url: url, signingSecret: signingSecret, notices: notices, nowMilliseconds: nowMilliseconds)
        return await post(built, count: notices.count)
    }

    /// Posts one built request and reads the vendor's answer (the send window already reserved by the caller).
    package func post(_ built: RobotRequest, count: Int) async -> DeliveryOutcome {
        var request = HTTPClientRequest(url: built.url)
        request.method = .POST
        for (name, value) in built.headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(built.body)
        let outcome: DeliveryOutcome
        do {
            let response = try await client.execute(request, timeout: .seconds(max(1, requestDeadline.components.seconds)), logger: nil)
            let body = try await response.body.collect(upTo: Self.answerLimit)
            outcome = RobotReply.classify(
                kind, status: Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After"),
                body: Array(body.readableBytesView))
        } catch {
            // Refused, reset, timed out, TLS failed: the network's fault until the maximum age says otherwise.
            outcome = .retryable(reason: "\(Self.describe(error)) (\(shownAddress))", after: nil)
        }
        log(outcome, count: count)
        return outcome
    }

    /// One journal line per attempt: the channel, the redacted address, the count and the answer.
    func log(_ outcome: DeliveryOutcome, count: Int) {
        let metadata: Logger.Metadata = [
            "channel": "\(name)", "kind": "\(kind.rawValue)", "address": "\(shownAddress)", "notifications": "\(count)",
        ]
        switch outcome {
        case .delivered(let answer): logger.info("delivered to \(kind.displayName) \(name): \(answer)", metadata: metadata)
        case .retryable(let reason, _): logger.warning("\(kind.displayName) \(name) will be retried: \(reason)", metadata: metadata)
        case .permanent(let reason): logger.error("\(kind.displayName) \(name) refused the message: \(reason)", metadata: metadata)
        }
    }

    /// The error without anything that could hold the address (AsyncHTTPClient errors name no URL,
    /// but a resolver error may carry the host; the key is never in it).
    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        return String(text.prefix(300))
    }
}
