import Foundation
import Glibc
import Logging
import Synchronization
import SystemPackage
import Testing

@testable import Inbox

/// Captures what the handler hands to sd_journal_sendv: each iovec as a `NAME=value` string.
final class SentEntries: Sendable {
    let entries = Mutex<[[String]]>([])
    let result: Int32

    init(result: Int32 = 0) { self.result = result }

    var sender: JournalLogHandler.Sender {
        { vectors in
            let fields = vectors.map { vector in
                String(decoding: UnsafeRawBufferPointer(start: vector.iov_base, count: vector.iov_len), as: UTF8.self)
            }
            self.entries.withLock { $0.append(fields) }
            return self.result
        }
    }

    var last: [String] { entries.withLock { $0.last ?? [] } }

    /// The value of field `name` in the last entry (the first one if it repeats).
    func value(_ name: String) -> String? {
        last.first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
    }
}

struct JournalFieldTests {
    @Test(arguments: [
        ("nianbao_verdict", "NIANBAO_VERDICT"),
        ("NIANBAO_SHA256", "NIANBAO_SHA256"),
        ("nianbao.duration-usec", "NIANBAO_DURATION_USEC"),
        ("size (bytes)", "SIZE_BYTES"),
        ("_SYSTEMD_UNIT", "SYSTEMD_UNIT"),
        ("__x__", "X"),
        ("3rd", "F3RD"),
        ("报告", "FIELD"),
        ("", "FIELD"),
        ("a报告b", "A_B"),
        ("message_id", "MESSAGE_ID"),
    ])
    func sanitizedNames(key: String, expected: String) {
        #expect(JournalField.sanitizedName(key) == expected)
    }

    @Test func namesAreCutTo64Bytes() {
        let name = JournalField.sanitizedName(String(repeating: "ab", count: 50))
        #expect(name.utf8.count == 64)
        #expect(name.allSatisfy { $0.isUppercase || $0.isNumber || $0 == "_" })
    }

    @Test func prioritiesFollowSyslog() {
        #expect(JournalPriority(.trace) == .debug)
        #expect(JournalPriority(.info).rawValue == 6)
        #expect(JournalPriority(.notice).rawValue == 5)
        #expect(JournalPriority(.warning).rawValue == 4)
        #expect(JournalPriority(.error).rawValue == 3)
        #expect(JournalPriority(.critical).rawValue == 2)
    }
}

struct JournalLogHandlerTests {
    @Test func oneEntryWithMessagePriorityLocationAndMetadata() throws {
        let sent = SentEntries()
        let logger = Logger(label: "nianbao") { _ in JournalLogHandler(send: sent.sender) }
        let fields: Logger.Metadata = ["nianbao_verdict": "rejected", "nianbao_errors": "2", "nianbao.report": "001.txt"]
        let line = #line + 1
        logger.warning("rejected 001.txt: 2 errors", metadata: NianbaoMessageID.rejected.metadata.merging(fields) { $1 })
        #expect(sent.entries.withLock { $0.count } == 1)
        #expect(
            sent.last == [
                "MESSAGE=rejected 001.txt: 2 errors",
                "PRIORITY=4",
                "CODE_FILE=\(#fileID)",
                "CODE_LINE=\(line)",
                "CODE_FUNC=\(#function)",
                "SYSLOG_IDENTIFIER=nianbao",
                "MESSAGE_ID=7fdb75da30ae4a74826f315d29f61c2d",
                "NIANBAO_REPORT=001.txt",
                "NIANBAO_ERRORS=2",
                "NIANBAO_VERDICT=rejected",
            ])
    }

    @Test func handlerAndProviderMetadataMergeEventMetadataWins() {
        let sent = SentEntries()
        var logger = Logger(label: "nianbao") { _ in
            JournalLogHandler(
                metadataProvider: .init { ["nianbao_root": "/srv/nianbao", "shared": "provider"] },
                send: sent.sender)
        }
        logger[metadataKey: "shared"] = "handler"
        logger[metadataKey: "nianbao_inbox"] = "/srv/nianbao/inbox"
        logger.info("x", metadata: ["shared": "event"])
        #expect(sent.value("NIANBAO_ROOT") == "/srv/nianbao")
        #expect(sent.value("NIANBAO_INBOX") == "/srv/nianbao/inbox")
        #expect(sent.value("SHARED") == "event")
    }

    @Test func metadataCannotReplaceTheHandlersOwnFields() {
        let sent = SentEntries()
        let logger = Logger(label: "nianbao") { _ in JournalLogHandler(send: sent.sender) }
        logger.error("real message", metadata: ["priority": "7", "message": "forged", "code_line": "1"])
        #expect(sent.value("PRIORITY") == "3")
        #expect(sent.value("MESSAGE") == "real message")
        #expect(sent.value("NIANBAO_PRIORITY") == "7")
        #expect(sent.value("NIANBAO_MESSAGE") == "forged")
        #expect(sent.value("NIANBAO_CODE_LINE") == "1")
        #expect(sent.last.filter { $0.hasPrefix("PRIORITY=") }.count == 1)
    }

    @Test func multiLineValuesStayWhole() {
        let sent = SentEntries()
        let logger = Logger(label: "nianbao") { _ in JournalLogHandler(send: sent.sender) }
        logger.info("findings", metadata: ["nianbao_findings": "第一行\nline two"])
        #expect(sent.value("NIANBAO_FINDINGS") == "第一行\nline two")
    }

    @Test func messageIDsAreNormalised() {
        let sent = SentEntries()
        let logger = Logger(label: "nianbao") { _ in JournalLogHandler(send: sent.sender) }
        logger.info("x", metadata: [NianbaoMessageID.key: "F1E10103-96AC-42B5-8D6B-B657CC32C297"])
        #expect(sent.value("MESSAGE_ID") == NianbaoMessageID.started.rawValue)
    }

    @Test func anErrnoErrorBecomesERRNO() {
        let sent = SentEntries()
        let logger = Logger(label: "nianbao") { _ in JournalLogHandler(send: sent.sender) }
        logger.error("deferred", error: Errno.noSpace)
        #expect(sent.value("ERRNO") == "\(ENOSPC)")
        #expect(sent.value("ERROR") == "\(Errno.noSpace)")
    }

    @Test func levelsBelowTheThresholdAreNotSent() {
        let sent = SentEntries()
        let logger = Logger(label: "nianbao") { _ in JournalLogHandler(level: .notice, send: sent.sender) }
        logger.info("quiet")
        logger.debug("quieter")
        logger.notice("loud")
        #expect(sent.entries.withLock { $0.map { $0.first } } == ["MESSAGE=loud"])
    }

    @Test func availabilityNeedsASocketAtThePath() throws {
        let directory = try TemporaryDirectory()
        #expect(!JournalLogHandler.isAvailable(socketPath: directory.path("absent")))
        #expect(LogSink.detect(socketPath: directory.path("absent")) == .standardError)
        try directory.write("regular", [1])
        #expect(!JournalLogHandler.isAvailable(socketPath: directory.path("regular")))
        let socket = try NotifySocket()
        #expect(JournalLogHandler.isAvailable(socketPath: socket.path))
        #expect(LogSink.detect(socketPath: socket.path) == .journal)
    }

    @Test func sinksMakeTheirHandlers() {
        #expect(LogSink.journal.makeHandler(level: .debug) is JournalLogHandler)
        #expect(LogSink.standardError.makeHandler(level: .debug) is LineLogHandler)
        #expect(LogSink.journal.factory(level: .notice)("nianbao").logLevel == .notice)
    }
}
