import Foundation
import Glibc
import Logging
import NianbaoTestSupport
import ReportValidation
import Synchronization
import Testing

@testable import Inbox

/// A report whose judging kills the process must not block the inbox: judging markers count the
/// deaths, and after two the report is set aside unread (FILE-007). Faults and retries never count.
@Suite("Poison reports", .serialized)
struct PoisonReportTests {
    let root: InboxRoot
    let log = CapturedLog()
    let id = ClaimID(value: 0x0017_9000_0000_0001)
    let name = FileName("sample.txt")
    /// An accepted sample: a verdict other than accepted means it was not judged.
    let sample: [UInt8]

    init() throws {
        root = try InboxRoot()
        _ = try InboxLayout.prepare(root: root.root)
        sample = try Fixtures.bytes(Fixtures.names[0])
    }

    /// The judging markers now in `.work/`.
    var markers: [FileName] { root.names(".work").filter { $0.shown.contains(".judging-") } }

    /// Leaves `.work/` as a process that died judging the sample `deaths` times would.
    func crashedClaim(deaths: Int) throws {
        try root.write(".work/" + id.hex, name, sample)
        try root.write(".work", id.judgingMarker(deaths), [])
    }

    /// Runs the daemon in-process until `condition` holds, then stops it.
    func runDaemon(until condition: @escaping () -> Bool) async throws {
        let daemon = InboxDaemon(settings: InboxSettings(root: root.root, maximumFileSize: 1 << 20), logger: log.logger)
        let running = Task { try await daemon.run() }
        await daemon.ready()
        let done = await eventually("the daemon to settle .work/", condition)
        running.cancel()
        try await running.value
        #expect(done, "\(root.names(".work")) \(log.messages())")
    }

    /// A fresh pipeline that takes up `.work/` as a new process does (``InboxEngine/start()``).
    func newProcess(crash: TestCrashSwitch?) throws -> (pipeline: ClaimPipeline, claims: [ClaimID]) {
        let pipeline = ClaimPipeline(
            layout: try InboxLayout.prepare(root: root.root),
            judge: ReportJudge(settings: InboxSettings(), legacyDecoder: try IconvDecoder()),
            clock: FixedClock(), logger: log.logger, testCrash: crash)
        let (ids, attempts, strangers) = try pipeline.work.claims()
        #expect(strangers.isEmpty)
        pipeline.interruptedAttempts = attempts
        return (pipeline, ids)
    }

    @Test("two deaths while judging: rejected unread with FILE-007, byte-identical, one error line with its own MESSAGE_ID")
    func setAsideAfterTwoDeaths() async throws {
        try crashedClaim(deaths: 2)
        try await runDaemon { root.reports("rejected") == [name] && root.names(".work").isEmpty }
        #expect(root.read("rejected", name) == sample)
        #expect(root.codes("rejected", name) == ["FILE-007"])
        let json = try #require(root.findingsJSON("rejected", name))
        #expect(json["sha256"] as? String == nil, "set aside unread: no digest")
        #expect(json["size"] as? Int == sample.count)
        let text = String(decoding: root.read("rejected", name.appending(".findings.txt")) ?? [], as: UTF8.self)
        #expect(text.contains("FILE-007") && text.contains("意外停止了 2 次"), "\(text)")
        #expect(root.outputProblems().isEmpty, "\(root.outputProblems())")
        let lines = log.messages().filter { $0.contains("sample.txt") }
        #expect(lines.count == 1, "\(lines)")
        let line = try #require(log.messages(.error).first { $0.contains("sample.txt") })
        #expect(line.contains("set aside unjudged after 2 interrupted attempts"), "\(line)")
        for key in [
            "message_id=\(NianbaoMessageID.setAside.rawValue)", "nianbao_verdict=rejected", "nianbao_rules=FILE-007",
            "nianbao_size=\(sample.count)",
        ] {
            #expect(line.contains(key), "\(key) in \(line)")
        }
        #expect(!log.messages().contains { $0.contains("left alone") }, "the marker is no stranger: \(log.messages())")
    }

    @Test("one death while judging: judged again normally, the marker is gone")
    func oneDeathIsJudgedAgain() async throws {
        try crashedClaim(deaths: 1)
        try await runDaemon { root.reports("accepted") == [name] && root.names(".work").isEmpty }
        #expect(root.read("accepted", name) == sample)
        #expect(root.outputProblems().isEmpty, "\(root.outputProblems())")
        #expect(log.messages(.warning).contains { $0.contains("were being judged when nianbao stopped") }, "\(log.messages())")
    }

    @Test("a marker with no claim left is removed, never logged as a stranger")
    func staleMarkerIsRemoved() async throws {
        try root.write(".work", id.judgingMarker(1), [])
        try root.write(".work", ClaimID(value: id.value + 1).judgingMarker(2), [])
        try await runDaemon { root.names(".work").isEmpty }
        #expect(!log.messages().contains { $0.contains("left alone") }, "\(log.messages())")
    }

    @Test("only judging markers the daemon makes are known names")
    func markerNames() {
        #expect(ClaimID.parse(id.judgingMarker(1))?.role == .judging(attempts: 1))
        #expect(ClaimID.parse(id.judgingMarker(2))?.role == .judging(attempts: 2))
        for odd in [".judging-0", ".judging-3", ".judging-", ".judging-1x", ".judging"] {
            #expect(ClaimID.parse(FileName(id.hex + odd)) == nil, "\(odd)")
        }
    }

    @Test("a fault while judging adds no count: the marker goes back, a retry counts this process once")
    func faultAddsNoCount() throws {
        try crashedClaim(deaths: 1)
        let probe = Probe()
        let work = root.work
        let crash = TestCrashSwitch(reportName: name) { () throws(SystemCallError) in
            let seen = ((try? DirectoryHandle(path: work).entries()) ?? []).filter { $0.shown.contains(".judging-") }
            let calls = probe.seen.withLock { calls in
                calls.append(seen)
                return calls.count
            }
            if calls == 1 { throw SystemCallError(call: "read", errno: .ioError) }
        }
        let (pipeline, claims) = try newProcess(crash: crash)
        let first = pipeline.process(names: [], claims: claims)
        #expect(first.fault?.errno == .ioError && first.retryClaims == [id])
        #expect(markers == [id.judgingMarker(1)], "back to the count found at start: \(markers)")
        #expect(try newProcess(crash: nil).pipeline.interruptedAttempts == [id: 1], "a new process sees one death, not two")
        let second = pipeline.process(names: [], claims: first.retryClaims)
        #expect(second.fault == nil && second.verdicts == [.accepted])
        // Both attempts of this process counted it once on top of the one death before it.
        #expect(probe.seen.withLock { $0 } == [[id.judgingMarker(2)], [id.judgingMarker(2)]])
        #expect(root.read("accepted", name) == sample)
        #expect(root.outputProblems().isEmpty, "\(root.outputProblems())")
    }

    @Test("faults on a fresh claim, however many, leave no marker and never set it aside")
    func repeatedFaultsNeverSetAside() throws {
        let probe = Probe()
        let crash = TestCrashSwitch(reportName: name) { () throws(SystemCallError) in
            let calls = probe.seen.withLock { calls in
                calls.append([])
                return calls.count
            }
            if calls <= 3 { throw SystemCallError(call: "read", errno: .ioError) }
        }
        let (pipeline, _) = try newProcess(crash: crash)
        try root.drop(name, sample)
        var batch = pipeline.process(names: [name], claims: [])
        for _ in 0..<3 {
            #expect(batch.fault != nil && batch.retryClaims.count == 1)
            #expect(markers.isEmpty, "\(markers)")
            batch = pipeline.process(names: [], claims: batch.retryClaims)
        }
        #expect(batch.fault == nil && batch.verdicts == [.accepted])
        #expect(root.read("accepted", name) == sample)
        #expect(root.outputProblems().isEmpty, "\(root.outputProblems())")
    }

    /// What the test switch saw on each call: the judging markers in `.work/` at that moment.
    final class Probe: Sendable {
        let seen = Mutex<[[FileName]]>([])
    }
}
