import AsyncHTTPClient
import Foundation
import Inbox
import NianbaoTestSupport
import Notify
import ReportValidation
import Testing

/// The chat robots and the webhook against a local server that checks keys and signatures as the
/// vendors do: what is delivered, what is retried, what is given up, batching and the per-minute limit.
@Suite("robot channels over HTTP on 127.0.0.1", .offThePool, .serialized)
struct RobotChannelTests {
    let server: RobotServer
    let client = RobotChannel.makeClient()
    let log = CapturedLog()

    init() throws {
        server = try RobotServer()
    }

    func channel(_ kind: RobotKind, _ scenario: String = "ok", key: String = RobotServer.key, secret: String? = RobotServer.secret)
        -> RobotChannel
    {
        RobotChannel(
            name: "office", kind: kind, address: server.address(kind, scenario, key: key),
            signingSecret: secret.map { Secret(Array($0.utf8)) }, client: client, logger: log.logger)
    }

    func finish() async throws {
        try await client.shutdown()
    }

    @Test("each robot's signed message passes the vendor's check and is delivered", arguments: RobotKind.allCases)
    func signedMessageIsDelivered(kind: RobotKind) async throws {
        let outcome = await channel(kind).send([SampleNotices.rejected()], nowMilliseconds: SampleNotices.now)
        try await finish()
        #expect(outcome.isDelivered, "\(outcome)")
        let requests = try server.requests()
        try #require(requests.count == 1)
        #expect(requests[0]["kind"] as? String == kind.rawValue)
        #expect(requests[0]["verified"] as? Bool == true)
        let body = try JSONSerialization.data(withJSONObject: requests[0]["body"] ?? [:])
        #expect(String(decoding: body, as: UTF8.self).contains("温县人民政府办公室"))
    }

    @Test("a wrong signing secret is refused and not retried", arguments: [RobotKind.dingTalk, .feishu, .webhook])
    func wrongSecretIsPermanent(kind: RobotKind) async throws {
        let outcome = await channel(kind, secret: "SECwrong").send([SampleNotices.rejected()], nowMilliseconds: SampleNotices.now)
        try await finish()
        guard case .permanent(let reason) = outcome else {
            Issue.record("expected a permanent failure, got \(outcome)")
            return
        }
        #expect(try server.requests().first?["verified"] as? Bool == false)
        #expect(!reason.contains("SECwrong"))
    }

    @Test("a wrong robot key is refused and not retried", arguments: [RobotKind.weCom, .dingTalk, .feishu])
    func wrongKeyIsPermanent(kind: RobotKind) async throws {
        let outcome = await channel(kind, key: "00000000-dead-beef-0000-000000000000").send(
            [SampleNotices.rejected()], nowMilliseconds: SampleNotices.now)
        try await finish()
        guard case .permanent(let reason) = outcome else {
            Issue.record("expected a permanent failure, got \(outcome)")
            return
        }
        #expect(reason.contains("wrong"), "\(reason)")
    }

    /// Error codes inside a 200 reply: rate limits and a busy vendor are retried, the rest are not.
    @Test(
        "an error code inside a 200 reply is read: rate limits retried, refusals not",
        arguments: [
            (RobotKind.weCom, 45009, true), (.weCom, 40008, false), (.weCom, -1, true),
            (.dingTalk, 130101, true), (.dingTalk, 310000, false), (.dingTalk, 400013, false),
            (.feishu, 11232, true), (.feishu, 9499, false), (.feishu, 19024, false),
        ])
    func errorCodeInsideSuccess(kind: RobotKind, code: Int, retryable: Bool) async throws {
        let outcome = await channel(kind, "errcode-\(code)").send([SampleNotices.rejected()], nowMilliseconds: SampleNotices.now)
        try await finish()
        #expect(!outcome.isDelivered)
        #expect(outcome.isRetryable == retryable, "\(outcome)")
        if case .permanent(let reason) = outcome { #expect(reason.contains("\(code)")) }
        if case .retryable(let reason, _) = outcome { #expect(reason.contains("\(code)")) }
    }

    @Test(
        "HTTP 429 and 5xx are retried (with the server's Retry-After), other 4xx are not",
        arguments: RobotKind.allCases, [429, 500, 502, 503, 400, 403, 404, 413])
    func httpStatusClassification(kind: RobotKind, status: Int) async throws {
        let outcome = await channel(kind, "status-\(status)").send([SampleNotices.rejected()], nowMilliseconds: SampleNotices.now)
        try await finish()
        #expect(outcome.isRetryable == (status == 429 || status >= 500), "\(outcome)")
        if status == 429 { #expect(outcome == .retryable(reason: "HTTP 429 (rate limited): test server says 429", after: .seconds(7))) }
    }

    @Test(
        "through the channel protocol: a receipt, or an error saying whether a retry can help",
        arguments: [
            ("ok", nil), ("status-503", true), ("errcode-45009", true), ("errcode-93000", false), ("status-404", false),
        ])
    func channelProtocol(scenario: String, transient: Bool?) async throws {
        let robot: any NotificationChannel = channel(.weCom, scenario)
        let result: Result<DeliveryReceipt, DeliveryError>
        do throws(DeliveryError) {
            result = .success(try await robot.deliver(SampleNotices.deliveries([SampleNotices.rejected()])))
        } catch {
            result = .failure(error)
        }
        try await finish()
        switch result {
        case .success(let receipt): #expect(transient == nil && receipt.answer == "errcode 0: ok")
        case .failure(let error): #expect(error.isTransient == transient, "\(error)")
        }
    }

    @Test("a 429's Retry-After reaches the notifier through the channel protocol, so the next try waits for it")
    func retryAfterThroughTheProtocol() async throws {
        let robot: any NotificationChannel = channel(.feishu, "status-429")
        var failure: DeliveryError?
        do throws(DeliveryError) {
            _ = try await robot.deliver(SampleNotices.deliveries([SampleNotices.rejected()]))
        } catch {
            failure = error
        }
        try await finish()
        let error = try #require(failure)
        #expect(error.isTransient && error.retryAfter == .seconds(7), "\(error)")
        #expect(DeliveryError("refused", transient: false, retryAfter: .seconds(7)).retryAfter == nil, "a refusal is never retried")
    }

    @Test("a [Notify.NAME] section and its credential files make a working signed channel")
    func fromConfiguration() async throws {
        let credentials = try TemporaryRoot.makePath("credentials")
        defer { TemporaryRoot.remove(credentials) }
        try ScriptFile.write(credentials + "/robot-url", server.address(.dingTalk).text + "\n")
        try ScriptFile.write(credentials + "/robot-secret", RobotServer.secret + "\n")
        var configuration = ChannelConfiguration(name: "office", kind: .dingtalk)
        configuration.urlCredential = "robot-url"
        configuration.secretCredential = "robot-secret"
        let made = try HTTPChannels.make(
            configuration, credentials: CredentialStore(directory: credentials), client: client, logger: log.logger)
        let robot = try #require(made)
        let receipt = try await robot.deliver(SampleNotices.deliveries([SampleNotices.rejected()]))
        try await finish()
        #expect(receipt.answer == "errcode 0: ok")
        #expect(try server.requests().first?["verified"] as? Bool == true)
    }

    @Test("a redirect is not followed: the key never travels to another host")
    func redirectIsNotFollowed() async throws {
        let outcome = await channel(.weCom, "redirect").send([SampleNotices.rejected()], nowMilliseconds: SampleNotices.now)
        try await finish()
        guard case .permanent(let reason) = outcome else {
            Issue.record("expected a permanent failure, got \(outcome)")
            return
        }
        #expect(reason.contains("redirect"))
        #expect(try server.requests().count == 1)
    }

    @Test("a robot that is down (connection refused) is retried")
    func refusedConnectionIsRetried() async throws {
        // A port this test just had bound and closed: nothing listens on it.
        let closed = try Self.closedPort()
        let robot = RobotChannel(
            name: "office", kind: .weCom,
            address: Secret(Array("http://127.0.0.1:\(closed)/cgi-bin/webhook/send?key=\(RobotServer.key)".utf8)),
            signingSecret: nil, client: client, logger: log.logger)
        let outcome = await robot.send([SampleNotices.rejected()], nowMilliseconds: SampleNotices.now)
        try await finish()
        #expect(outcome.isRetryable, "\(outcome)")
    }

    @Test(
        "a burst handed over as one batch goes out as one message within the vendor's size limit",
        arguments: [RobotKind.weCom, .dingTalk, .feishu])
    func burstIsOneMessage(kind: RobotKind) async throws {
        let burst = (1...2000).map { $0 % 3 == 0 ? SampleNotices.accepted($0) : SampleNotices.rejected($0) }
        let outcome = await channel(kind).send(burst, nowMilliseconds: SampleNotices.now)
        try await finish()
        #expect(outcome.isDelivered, "\(outcome)")
        let requests = try server.requests()
        try #require(requests.count == 1)
        let text = try #require(Self.markdown(requests[0]["body"] as? [String: Any]))
        #expect(text.utf8.count <= ChatMarkdown.Dialect.weCom.byteLimit || kind != .weCom)
        // 飞书 shows the tally in the card's header, the others in the first line of the text.
        let title = kind == .feishu ? Self.cardTitle(requests[0]["body"] as? [String: Any]) ?? "" : text
        #expect(title.contains("年报核查结果 2000 份：退回 1334 份，通过 666 份"))
        #expect(text.contains("份未列出"))
    }

    @Test("no more than 20 messages a minute reach one robot: the 21st is handed back to wait")
    func perMinuteLimit() async throws {
        let robot = channel(.weCom)
        let now = SampleNotices.now
        var outcomes: [DeliveryOutcome] = []
        for index in 1...21 {
            outcomes.append(await robot.send([SampleNotices.rejected(index)], nowMilliseconds: now + Int64(index)))
        }
        try await finish()
        #expect(outcomes.prefix(20).allSatisfy { $0.isDelivered })
        guard case .retryable(_, let after?) = outcomes[20] else {
            Issue.record("expected the 21st to wait, got \(outcomes[20])")
            return
        }
        #expect(after > .seconds(59) && after <= .seconds(60))
        #expect(try server.requests().count == 20)
    }

    @Test("the log names the robot but never its key or signing secret", arguments: RobotKind.allCases)
    func secretsAreNotLogged(kind: RobotKind) async throws {
        _ = await channel(kind).send([SampleNotices.rejected()], nowMilliseconds: SampleNotices.now)
        _ = await channel(kind, "status-503").send([SampleNotices.rejected()], nowMilliseconds: SampleNotices.now)
        _ = await channel(kind, key: "ffffffff-0000-4000-8000-123456789abc").send(
            [SampleNotices.rejected()], nowMilliseconds: SampleNotices.now)
        try await finish()
        let lines = log.messages()
        #expect(lines.count == 3)
        for line in lines {
            #expect(!line.contains(RobotServer.key) && !line.contains("ffffffff-0000") && !line.contains(RobotServer.secret), "\(line)")
            #expect(line.contains("127.0.0.1:\(server.port)"))
        }
    }

    /// The markdown of a robot's request body, whichever vendor's shape it has.
    static func markdown(_ body: [String: Any]?) -> String? {
        guard let body else { return nil }
        if let markdown = body["markdown"] as? [String: Any] { return (markdown["content"] ?? markdown["text"]) as? String }
        let card = body["card"] as? [String: Any]
        return ((card?["elements"] as? [[String: Any]])?.first?["content"]) as? String
    }

    /// The header title of a 飞书 card.
    static func cardTitle(_ body: [String: Any]?) -> String? {
        let header = (body?["card"] as? [String: Any])?["header"] as? [String: Any]
        return (header?["title"] as? [String: Any])?["content"] as? String
    }

    /// A loopback port that was free a moment ago and is closed now.
    static func closedPort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                guard bind(socket, raw, length) == 0, getsockname(socket, raw, &length) == 0 else {
                    throw ServerDidNotStart(output: "bind")
                }
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
