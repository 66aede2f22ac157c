import Foundation
import Glibc
import Logging
import NianbaoTestSupport
import ReportValidation
import Testing

@testable import Inbox

/// The daemon in-process: events, settling, directories, reload, lost watch, shutdown.
@Suite("InboxDaemon", .serialized)
struct InboxDaemonTests {
    let root: InboxRoot
    let log = CapturedLog()

    init() throws { root = try InboxRoot() }

    func settings(settle: Duration = .milliseconds(300)) -> InboxSettings {
        InboxSettings(root: root.root, settlePeriod: settle, maximumFileSize: 1 << 20)
    }

    /// Runs a daemon for `body`, then cancels it and expects a normal return.
    func withDaemon(_ settings: InboxSettings, _ body: (InboxDaemon) async throws -> Void) async throws {
        let daemon = InboxDaemon(settings: settings, logger: log.logger)
        let running = Task { try await daemon.run() }
        await daemon.ready()
        do {
            try await body(daemon)
        } catch {
            running.cancel()
            throw error
        }
        running.cancel()
        try await running.value
    }

    @Test("startup: names waiting in the inbox and a claim left in .work/ are both finished")
    func startupBacklogAndWork() async throws {
        _ = try InboxLayout.prepare(root: root.root)
        try root.write("inbox", FileName("waiting.txt"), Array("old".utf8))
        try root.write(".work/00179000000000aa", FileName("claimed.txt"), Array("claimed".utf8))
        try await withDaemon(settings()) { daemon in
            #expect(await eventually("2 reports in rejected/") { root.reports("rejected").count == 2 }, "\(root.names("rejected"))")
            // Counted once the batch's output barrier is passed, a moment after the files appear.
            #expect(await eventually("2 rejected in the statistics") { daemon.statistics.rejected == 2 })
            #expect(daemon.statistics.rejected == 2 && daemon.statistics.isReady)
        }
        #expect(root.outputProblems().isEmpty, "\(root.outputProblems())")
    }

    @Test("a renamed-in file is judged at once; one verdict line carries its metadata")
    func renamedInIsImmediate() async throws {
        try await withDaemon(settings(settle: .seconds(30))) { _ in
            try root.drop(FileName("now.txt"), Array("dropped".utf8))
            #expect(await eventually("now.txt in rejected/") { root.reports("rejected") == [FileName("now.txt")] })
        }
        // A rejection is one warning-level entry with the rejected MESSAGE_ID and the catalog's fields.
        #expect(log.messages().filter { $0.contains("now.txt") }.count == 1, "\(log.messages())")
        let lines = log.messages(.warning).filter { $0.contains("now.txt") }
        #expect(lines.count == 1, "\(lines)")
        for key in [
            "message_id=\(NianbaoMessageID.rejected.rawValue)", "nianbao_verdict=rejected", "nianbao_report=now.txt",
            "nianbao_errors=", "nianbao_warnings=", "nianbao_rules=", "nianbao_sha256=", "nianbao_size=7",
            "nianbao_duration_usec=", "nianbao_findings=\(root.root)/rejected/now.txt.findings.txt",
        ] {
            #expect(lines.first?.contains(key) == true, "\(key) in \(lines)")
        }
    }

    @Test("an in-place writer that closes, pauses and appends is judged only once it settled, whole")
    func inPlaceWriterSettles() async throws {
        let whole = Array(repeating: UInt8(ascii: "a"), count: 3000)
        try await withDaemon(settings(settle: .milliseconds(400))) { _ in
            let path = root.inbox + "/slow.txt"
            var fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            _ = whole.withUnsafeBytes { write(fd, $0.baseAddress, 1000) }
            close(fd)
            try await Task.sleep(for: .milliseconds(250))
            fd = open(path, O_WRONLY | O_APPEND)
            _ = whole.withUnsafeBytes { write(fd, $0.baseAddress! + 1000, 2000) }
            close(fd)
            #expect(await eventually("slow.txt in rejected/") { !root.reports("rejected").isEmpty })
        }
        #expect(root.read("rejected", FileName("slow.txt")) == whole, "judged before the writer finished")
    }

    @Test("a directory in the inbox stays and is logged once, across rescans and a reload")
    func directoryLoggedOnce() async throws {
        var fast = settings()
        fast.rescanInterval = .milliseconds(50)
        try await withDaemon(fast) { daemon in
            try root.write("inbox/a-folder", FileName("inside.txt"), [1])
            try await Task.sleep(for: .milliseconds(300))
            daemon.reload(fast)
            try await Task.sleep(for: .milliseconds(300))
        }
        #expect(root.read("inbox/a-folder", FileName("inside.txt")) == [1])
        #expect(log.messages().filter { $0.contains("a-folder") }.count == 1, "\(log.messages())")
    }

    @Test("temp names (dotfiles, *.part…) are never claimed")
    func ignoredNames() async throws {
        try await withDaemon(settings(settle: .milliseconds(50))) { _ in
            try root.write("inbox", FileName("upload.part"), [1])
            try root.write("inbox", FileName(".hidden"), [1])
            try root.drop(FileName("real.txt"), [2])
            #expect(await eventually("real.txt in rejected/") { root.reports("rejected") == [FileName("real.txt")] })
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(root.names("inbox") == [FileName(".hidden"), FileName("upload.part")])
    }

    @Test("losing the inbox ends run() with watchLost")
    func lostWatchThrows() async throws {
        let daemon = InboxDaemon(settings: settings(), logger: log.logger)
        let running = Task { try await daemon.run() }
        await daemon.ready()
        #expect(rename(root.inbox, root.root + "/inbox-moved") == 0)
        await #expect {
            try await running.value
        } throws: { error in
            guard case .watchLost = error as? InboxError else { return false }
            return true
        }
        #expect(log.messages(.critical).count == 1)
        #expect(
            log.messages(.critical).first?.contains("message_id=\(NianbaoMessageID.watchLost.rawValue)") == true,
            "\(log.messages(.critical))")
    }

    @Test("a burst of 2,000 renamed-in files drains exactly once")
    func burst() async throws {
        let count = 2000
        try await withDaemon(settings()) { daemon in
            for index in 0..<count { try root.drop(FileName("b\(index).txt"), Array("burst \(index)".utf8)) }
            // Waits on progress, not a deadline: fails only when neither the inbox nor rejected/ moved for the stall limit.
            let drained = await waitForProgress(
                "\(count) reports in rejected/", interval: .milliseconds(100),
                progress: { [root.names("inbox").count, root.reports("rejected").count] }
            ) { root.reports("rejected").count == count }
            #expect(drained.met, "\(drained)")
            let settled = await waitForProgress(
                "backlog 0 and \(count) rejected in the statistics",
                progress: { [daemon.statistics.backlog, daemon.statistics.rejected] }
            ) {
                daemon.statistics.backlog == 0 && daemon.statistics.rejected == count
            }
            #expect(settled.met, "\(settled)")
        }
        #expect(root.outputProblems().isEmpty, "\(root.outputProblems().prefix(5))")
        #expect(root.names("inbox").isEmpty)
    }
}
