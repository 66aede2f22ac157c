import Foundation
import Inbox
import Logging
import NianbaoTestSupport
import Notify
import ReportValidation
import Testing

/// The outbox on a real folder: queueing is idempotent, sent and dropped entries are remembered, the
/// start-up catch-up queues what a crash left unqueued, and the notifier walks an entry to sent or dropped.
@Suite("outbox")
struct OutboxTests {
    static let findings = """
        {"schema":"nianbao.findings/2","file":"inbox/温县.txt","verdict":"rejected","language":"zh","year":2021,
         "title":"温县人民政府办公室2021年政府信息公开工作年度报告","counts":{"errors":2,"warnings":1},"notes":[],
         "findings":[{"code":"TEXT-006","severity":"warning","message":"有错别字","messageZh":"有错别字","messageEn":"A typo",
           "location":{"line":null,"section":null,"sectionTitle":null,"table":null,"row":null,"column":null}},
          {"code":"FEE-001","severity":"error","message":"未说明","messageZh":"未说明信息处理费的收取情况","messageEn":"No fee statement",
           "location":{"line":40,"section":3,"sectionTitle":"三","table":"三","row":"（七）总计","column":"自然人"}},
          {"code":"STRUCT-003","severity":"error","messageZh":"缺少第四部分","messageEn":"Part four is missing","location":null}],
         "originalName":"温县.txt","originalNameHex":null,"size":123,"sha256":"ab12","receivedAt":"x","judgedAt":"y"}
        """

    static func settings(_ channels: [ChannelConfiguration]) -> NotifySettings {
        var settings = NotifySettings()
        settings.channels = channels
        return settings
    }

    static func mail(_ name: String, route: Route = .both) -> ChannelConfiguration {
        var channel = ChannelConfiguration(name: name, kind: .mail)
        channel.route = route
        channel.reviewers = ["review@office.example"]
        return channel
    }

    /// A queue for one mail channel to the office's reviewers, into `root/.outbox`.
    static func officeQueue(root: String) throws -> OutboxQueue {
        OutboxQueue(
            outbox: try Outbox(path: root + "/.outbox"), settings: settings([mail("office")]), office: root, agencies: nil,
            logger: CapturedLog().logger)
    }

    static let directory: AgencyDirectory = {
        guard case .success(let directory) = AgencyDirectory.parse(text: "名称,邮箱\n温县人民政府办公室,wenxian@gov.example\n") else { fatalError() }
        return directory
    }()

    static func filed(_ finalName: String = "温县.txt") -> OutboxQueue.Filed {
        OutboxQueue.Filed(
            folder: "rejected", finalName: FileName(finalName), findingsJSON: Array(findings.utf8), note: "意见全文\n",
            agencyMatched: nil, filedAt: Outbox.nowMicroseconds())
    }

    @Test("A verdict queues one entry per routed channel; queueing it again is a no-op")
    func queueIsIdempotent() throws {
        let root = try TemporaryRoot.makePath("outbox")
        defer { TemporaryRoot.remove(root) }
        let outbox = try Outbox(path: root + "/.outbox")
        var rejectedOnly = Self.mail("agency", route: .agency)
        rejectedOnly.reviewers = []
        let queue = OutboxQueue(
            outbox: outbox, settings: Self.settings([Self.mail("office", route: .office), rejectedOnly]),
            office: root, agencies: Self.directory, logger: CapturedLog().logger)
        #expect(queue.queue(Self.filed()) == 2)
        #expect(queue.queue(Self.filed()) == 0)
        let names = try outbox.waitingNames().map(\.shown).sorted()
        #expect(names.count == 2 && names.allSatisfy { $0.hasPrefix("nb-") && $0.hasSuffix(".json") })
        var entries: [OutboxEntry] = []
        for name in try outbox.waitingNames() {
            guard case .success(let entry) = try outbox.read(name) else {
                Issue.record("unreadable \(name)")
                continue
            }
            entries.append(entry)
        }
        let byChannel = Dictionary(uniqueKeysWithValues: entries.map { ($0.channel, $0) })
        #expect(byChannel["office"]?.recipients == ["review@office.example"])
        #expect(byChannel["agency"]?.recipients == ["wenxian@gov.example"])
        let notification = try #require(byChannel["office"]?.notification)
        #expect(notification.id == byChannel["agency"]?.notification.id, "one verdict, one id on every channel")
        #expect(notification.agencyMatched == "温县人民政府办公室" && notification.year == 2021)
        #expect(notification.errorCount == 2 && notification.warningCount == 1)
        #expect(notification.findings.map(\.code.rawValue) == ["FEE-001", "STRUCT-003", "TEXT-006"])
        #expect(notification.findings[0].location != nil && notification.findings[2].location == nil)
        #expect(notification.notePath == "rejected/温县.txt.findings.txt" && notification.note == "意见全文\n")
    }

    @Test("A batch is queued whole: every new entry in place, those already known untouched, no temporary file left")
    func batchQueuesEachNewEntryOnce() throws {
        let root = try TemporaryRoot.makePath("outbox")
        defer { TemporaryRoot.remove(root) }
        let queue = try Self.officeQueue(root: root)
        let outbox = queue.outbox
        #expect(queue.queue(Self.filed("sent.txt")) == 1)
        let sentName = try #require(try outbox.waitingNames().first)
        guard case .success(let sent) = try outbox.read(sentName) else {
            Issue.record("unreadable")
            return
        }
        try outbox.markSent(sent)
        #expect(queue.queue(Self.filed("waiting.txt")) == 1)
        let waiting = try #require(try outbox.waitingNames().first)
        let before = try #require(try outbox.directory.readFile(waiting, limit: 1 << 20))

        let names = ["sent.txt", "waiting.txt"] + (1...40).map { "第\($0)份.txt" } + ["第1份.txt"]
        #expect(queue.queue(names.map { Self.filed($0) }) == 40, "the 40 new ones, each once")
        #expect(try outbox.counts() == (41, 1, 0))
        #expect(try outbox.directory.readFile(waiting, limit: 1 << 20) == before, "a waiting entry is not rewritten")
        var leftovers: [String] = []
        try outbox.directory.forEachEntry { name, _ in if name.shown.hasSuffix(".tmp") { leftovers.append(name.shown) } }
        #expect(leftovers.isEmpty, "\(leftovers)")
        #expect(queue.queue(names.map { Self.filed($0) }) == 0, "queueing the batch again is a no-op")
    }

    @Test("Ids are stable for the same verdict and differ for another name, digest or channel")
    func stableIDs() {
        let a = OutboxQueue.notificationID(office: "/srv/nianbao", folder: "rejected", finalName: Array("a.txt".utf8), sha256: "ab")
        #expect(a == OutboxQueue.notificationID(office: "/srv/nianbao", folder: "rejected", finalName: Array("a.txt".utf8), sha256: "ab"))
        #expect(a != OutboxQueue.notificationID(office: "/srv/nianbao", folder: "rejected", finalName: Array("a.1.txt".utf8), sha256: "ab"))
        #expect(a != OutboxQueue.notificationID(office: "/srv/nianbao", folder: "rejected", finalName: Array("a.txt".utf8), sha256: "cd"))
        #expect(a != OutboxQueue.notificationID(office: "/srv/other", folder: "rejected", finalName: Array("a.txt".utf8), sha256: "ab"))
        #expect(OutboxQueue.entryID(notificationID: a, channel: "x") != OutboxQueue.entryID(notificationID: a, channel: "y"))
        #expect(a.count == 35 && a.hasPrefix("nb-"))
    }

    @Test("Sent and dropped entries are remembered: the same verdict is not queued again")
    func sentIsRemembered() throws {
        let root = try TemporaryRoot.makePath("outbox")
        defer { TemporaryRoot.remove(root) }
        let queue = try Self.officeQueue(root: root)
        let outbox = queue.outbox
        #expect(queue.queue(Self.filed()) == 1)
        let name = try #require(try outbox.waitingNames().first)
        guard case .success(let entry) = try outbox.read(name) else {
            Issue.record("unreadable")
            return
        }
        try outbox.markSent(entry)
        #expect(try outbox.waitingNames().isEmpty)
        #expect(try outbox.knows(entry.id))
        #expect(queue.queue(Self.filed()) == 0)
        #expect(try outbox.counts() == (0, 1, 0))
        #expect(try outbox.prune(before: Outbox.nowMicroseconds() + 1) == 1)
        #expect(queue.queue(Self.filed()) == 1, "a pruned record no longer stops a re-queue (the catch-up never looks that far back)")
    }

    @Test("At start, reports filed within the maximum age whose notifications are missing are queued, once")
    func catchUp() throws {
        let root = try TemporaryRoot.makePath("outbox")
        defer { TemporaryRoot.remove(root) }
        for folder in ["accepted", "rejected"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        let rejected = root + "/rejected/"
        for name in ["温县.txt", "孟州.txt"] {
            try Data("report".utf8).write(to: URL(fileURLWithPath: rejected + name))
            try Data(Self.findings.utf8).write(to: URL(fileURLWithPath: rejected + name + ".findings.json"))
            try Data("意见\n".utf8).write(to: URL(fileURLWithPath: rejected + name + ".findings.txt"))
        }
        // An orphan findings document (no report beside it) and an old one are not queued.
        try Data(Self.findings.utf8).write(to: URL(fileURLWithPath: rejected + "gone.txt.findings.json"))
        try Data("report".utf8).write(to: URL(fileURLWithPath: rejected + "old.txt"))
        try Data(Self.findings.utf8).write(to: URL(fileURLWithPath: rejected + "old.txt.findings.json"))
        var old = utimbuf(actime: time(nil) - 3 * 86400, modtime: time(nil) - 3 * 86400)
        #expect(utime(rejected + "old.txt.findings.json", &old) == 0)
        let queue = try Self.officeQueue(root: root)
        let outbox = queue.outbox
        // One was queued by the post-filing step before the crash.
        var first = Self.filed()
        first.note = "意见\n"
        #expect(queue.queue(first) == 1)
        #expect(queue.catchUp(root: root, now: Outbox.nowMicroseconds()) == 1)
        #expect(queue.catchUp(root: root, now: Outbox.nowMicroseconds()) == 0)
        #expect(try outbox.waitingNames().count == 2)
    }

    @Test("The notifier delivers through a real hook: a failure is retried, success moves the entry to sent/")
    func notifierRetriesThenSends() async throws {
        let root = try TemporaryRoot.makePath("outbox")
        defer { TemporaryRoot.remove(root) }
        // Fails (EX_TEMPFAIL) until the file `up` exists, then records the ids it was given.
        let hookPath = root + "/hook"
        try ScriptFile.write(hookPath, "#!/bin/sh\n[ -e \(root)/up ] || exit 75\ncat >> \(root)/received\n")
        var hook = ChannelConfiguration(name: "hook", kind: .exec)
        hook.exec = [hookPath]
        var settings = Self.settings([hook])
        settings.retryDelay = .milliseconds(1)
        settings.maximumRetryDelay = .milliseconds(1)
        let outbox = try Outbox(path: root + "/.outbox")
        let log = CapturedLog()
        let queue = OutboxQueue(outbox: outbox, settings: settings, office: root, agencies: nil, logger: log.logger)
        #expect(queue.queue(Self.filed()) == 1)
        let client = RobotChannel.makeClient()
        let channels = ChannelSet.make(settings, credentials: CredentialStore(directory: nil), client: client, logger: log.logger)
        var notifier = Notifier(outbox: outbox, channels: channels, settings: settings, logger: log.logger)
        notifier.scanInterval = .milliseconds(10)
        let task = Task { await notifier.run() }
        defer { task.cancel() }
        #expect(
            try await eventually("a failed attempt is recorded") {
                guard let name = try outbox.waitingNames().first, case .success(let entry)? = try outbox.read(name) else { return false }
                return entry.attempts >= 1 && entry.lastError != nil
            })
        FileManager.default.createFile(atPath: root + "/up", contents: nil)
        #expect(try await eventually("the entry is sent") { try outbox.counts() == (0, 1, 0) })
        let received = try String(contentsOfFile: root + "/received", encoding: .utf8)
        #expect(received.components(separatedBy: "\"id\":\"nb-").count == 2, "delivered once")
        task.cancel()
        await task.value
        try await client.shutdown()
    }

    @Test("A channel that refuses for good drops the entry at once")
    func refusalDrops() async throws {
        let root = try TemporaryRoot.makePath("outbox")
        defer { TemporaryRoot.remove(root) }
        let hookPath = root + "/hook"
        try ScriptFile.write(hookPath, "#!/bin/sh\necho refused >&2\nexit 1\n")
        var hook = ChannelConfiguration(name: "hook", kind: .exec)
        hook.exec = [hookPath]
        let settings = Self.settings([hook])
        let outbox = try Outbox(path: root + "/.outbox")
        let log = CapturedLog()
        #expect(OutboxQueue(outbox: outbox, settings: settings, office: root, agencies: nil, logger: log.logger).queue(Self.filed()) == 1)
        let client = RobotChannel.makeClient()
        var notifier = Notifier(
            outbox: outbox,
            channels: ChannelSet.make(
                settings, credentials: CredentialStore(directory: nil),
                client: client, logger: log.logger), settings: settings, logger: log.logger)
        notifier.scanInterval = .milliseconds(10)
        let task = Task { await notifier.run() }
        defer { task.cancel() }
        #expect(try await eventually("the entry is dropped") { try outbox.counts() == (0, 0, 1) })
        task.cancel()
        await task.value
        try await client.shutdown()
    }
}
