import Foundation
import Glibc
import ReportValidation
import Testing

@testable import Inbox

/// Every state `.work/` can be in when the daemon dies, built by hand, then finished by a fresh pipeline.
@Suite("Recovery of .work/")
struct WorkRecoveryTests {
    let root: InboxRoot
    let id = ClaimID(value: 0x0017_9000_0000_0001)
    let report = Array("一份报告 \(UUID())\n".utf8)

    init() throws {
        root = try InboxRoot()
        _ = try InboxLayout.prepare(root: root.root)
    }

    var claim: String { ".work/" + id.hex }
    var build: String { ".work/" + id.hex + ".build" }
    func stage(_ folder: String) -> String { ".work/" + id.hex + "." + folder }

    /// Finishes every claim `.work/` holds, as a restart does.
    @discardableResult
    func recover() throws -> BatchReport {
        let pipeline = try makePipeline(root)
        let (ids, _, strangers) = try pipeline.work.claims()
        #expect(strangers.isEmpty)
        return pipeline.process(names: [], claims: ids)
    }

    /// The report is out once, byte-identical, under `name`, with both findings; `.work/` is empty.
    func expectFinished(_ folder: String, _ name: FileName) {
        #expect(root.read(folder, name) == report, "\(folder)/\(name) missing or altered")
        let all = root.allFiles().filter { $0.1 == report }
        #expect(all.count == 1, "exactly one copy: \(all.map(\.0))")
        #expect(root.outputProblems().isEmpty, "\(root.outputProblems())")
    }

    @Test("crash after mkdir of the claim folder: the empty folder is removed")
    func emptyClaimFolder() throws {
        mkdir(root.cPath(claim), 0o700)
        let batch = try recover()
        #expect(batch.verdicts.isEmpty && batch.fault == nil)
        #expect(root.names(".work").isEmpty)
    }

    @Test("crash after the claim rename: the report is judged and moved")
    func claimedOnly() throws {
        try root.write(claim, FileName("r.txt"), report)
        try recover()
        expectFinished("rejected", FileName("r.txt"))
    }

    @Test(
        "crash while building the findings (partial, or complete but uncommitted): the build is discarded and redone",
        arguments: [
            ["r.txt.findings.json": "{ \"trunc"],
            ["r.txt.findings.json": "{}", "r.txt.findings.txt": "结论"],
            ["r.txt.findings.json": "{}", "r.txt.findings.txt": "结论", "r.txt": ""],
        ])
    func partialBuild(_ files: [String: String]) throws {
        try root.write(claim, FileName("r.txt"), report)
        for (name, text) in files { try root.write(build, FileName(name), Array(text.utf8)) }
        try recover()
        expectFinished("rejected", FileName("r.txt"))
        #expect(root.findingsJSON("rejected", FileName("r.txt"))?["verdict"] as? String == "rejected", "findings rewritten whole")
    }

    @Test(
        "crash after the commit: the final name recorded in the stage is used, even a suffixed one",
        arguments: [0, 1, 2, 3])
    func committed(_ piecesAlreadyOut: Int) throws {
        // Final name r.3.txt; 0 to 3 findings files already moved out before the crash.
        let final = FileName("r.3.txt")
        try root.write(claim, FileName("r.txt"), report)
        let pieces = [final.appending(".findings.json"), final.appending(".findings.txt"), final.appending(".findings.html")]
        for (index, piece) in pieces.enumerated() {
            try root.write(index < piecesAlreadyOut ? "rejected" : stage("rejected"), piece, Array("note \(index)".utf8))
        }
        try root.write(stage("rejected"), final, [])
        try recover()
        expectFinished("rejected", final)
        #expect(root.read("rejected", pieces[1]) == Array("note 1".utf8), "committed findings are moved, not redone")
    }

    @Test("crash after the report left: the marker and folders are tidied, nothing is redone")
    func reportAlreadyOut() throws {
        let final = FileName("r.txt")
        try root.write("accepted", final, report)
        for suffix in [".findings.json", ".findings.txt", ".findings.html"] { try root.write("accepted", final.appending(suffix), [1]) }
        try root.write(stage("accepted"), final, [])
        mkdir(root.cPath(claim), 0o700)
        let batch = try recover()
        #expect(batch.fault == nil)
        expectFinished("accepted", final)
    }

    @Test("the final name was taken meanwhile by someone else: placed findings come back, the report is judged again under a new name")
    func collisionRollsBack() throws {
        let final = FileName("r.txt")
        try root.write(claim, final, report)
        try root.write(stage("rejected"), final.appending(".findings.json"), [1])
        try root.write(stage("rejected"), final.appending(".findings.txt"), [2])
        try root.write(stage("rejected"), final, [])
        try root.write("rejected", final, Array("someone else's".utf8))
        let pipeline = try makePipeline(root)
        let first = pipeline.process(names: [], claims: [id])
        #expect(first.retryClaims == [id] && first.fault == nil)
        let second = pipeline.process(names: [], claims: first.retryClaims)
        #expect(second.verdicts == [.rejected])
        #expect(root.read("rejected", final) == Array("someone else's".utf8), "never overwritten")
        #expect(root.read("rejected", FileName("r.1.txt")) == report)
        #expect(root.names(".work").isEmpty)
    }

    @Test("a state the daemon never makes (two stages) is left alone and reported")
    func inconsistentIsLeftAlone() throws {
        try root.write(stage("accepted"), FileName("a"), [])
        try root.write(stage("rejected"), FileName("b"), [])
        let batch = try recover()
        #expect(batch.inconsistent.count == 1)
        #expect(root.names(".work").count == 2)
    }

    @Test("names the daemon never makes in .work/ are not taken for claims")
    func strangersAreNotClaims() throws {
        try root.write(".work", FileName("notes.txt"), [1])
        let pipeline = try makePipeline(root)
        let (ids, _, strangers) = try pipeline.work.claims()
        #expect(ids.isEmpty && strangers == [FileName("notes.txt")])
    }
}
