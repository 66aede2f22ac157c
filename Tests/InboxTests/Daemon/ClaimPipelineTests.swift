import Foundation
import Glibc
import ReportValidation
import Testing

@testable import Inbox

@Suite("Claim, judge and move")
struct ClaimPipelineTests {
    @Test("a dropped report ends in its verdict folder byte-identical, with both findings files and its receipt")
    func movesReportWithFindings() throws {
        let root = try InboxRoot()
        let pipeline = try makePipeline(root)
        let sample = try Fixtures.bytes(Fixtures.names[0])
        try root.drop(FileName("sample.txt"), sample)
        try root.drop(FileName("junk.txt"), Array("not a report".utf8))
        let batch = pipeline.process(names: [FileName("sample.txt"), FileName("junk.txt")], claims: [])
        #expect(batch.fault == nil)
        #expect(batch.verdicts.sorted { $0.rawValue < $1.rawValue } == [.accepted, .rejected])
        let identical = root.read("accepted", FileName("sample.txt")) == sample
        #expect(identical)
        #expect(root.read("rejected", FileName("junk.txt")) == Array("not a report".utf8))
        let json = try #require(root.findingsJSON("accepted", FileName("sample.txt")))
        #expect(json["verdict"] as? String == "accepted")
        #expect(json["originalName"] as? String == "sample.txt")
        #expect(json["size"] as? Int == sample.count)
        #expect((json["sha256"] as? String)?.count == 64)
        #expect(json["receivedAt"] as? String == "2023-11-14T22:13:20.000Z")
        let text = String(decoding: root.read("accepted", FileName("sample.txt.findings.txt")) ?? [], as: UTF8.self)
        #expect(text.hasPrefix("结论：通过"), "verdict first: \(text.prefix(40))")
        #expect(root.outputProblems().isEmpty, "\(root.outputProblems())")
        #expect(root.names("inbox").isEmpty)
    }

    @Test("a name that is gone when claimed is skipped without a fault")
    func vanishedNameIsSkipped() throws {
        let root = try InboxRoot()
        let pipeline = try makePipeline(root)
        let batch = pipeline.process(names: [FileName("never-there.txt")], claims: [])
        #expect(batch.fault == nil && batch.verdicts.isEmpty)
        #expect(root.names(".work").isEmpty)
    }

    @Test("1,000 drops of one name give 1,000 distinct outputs: report.txt, report.1.txt … report.999.txt")
    func thousandSameNameDrops() throws {
        let root = try InboxRoot()
        let pipeline = try makePipeline(root)
        // Claimed one at a time (one name cannot be in the inbox twice), finished in batches.
        var claims: [ClaimID] = []
        for index in 0..<1000 {
            try root.drop(FileName("report.txt"), Array("same name, drop \(index)\n".utf8))
            claims.append(try #require(try pipeline.claim(FileName("report.txt"))))
        }
        while !claims.isEmpty {
            let batch = pipeline.process(names: [], claims: Array(claims.prefix(64)))
            #expect(batch.fault == nil)
            claims = batch.retryClaims + claims.dropFirst(64)
        }
        let expected = Set([FileName("report.txt")] + (1..<1000).map { FileName("report.\($0).txt") })
        #expect(Set(root.reports("rejected")) == expected)
        let contents = Set(root.reports("rejected").compactMap { root.read("rejected", $0) })
        #expect(contents.count == 1000, "every drop kept, none overwritten")
        #expect(root.outputProblems().isEmpty, "\(root.outputProblems().prefix(5))")
    }

    @Test("a later run probes past names it never gave out (no hint): the suffix is the first free one")
    func suffixSkipsExistingNames() throws {
        let root = try InboxRoot()
        let pipeline = try makePipeline(root)
        try root.write("rejected", FileName("a.txt"), [1])
        try root.write("rejected", FileName("a.1.txt.findings.txt"), [2])  // a findings name also blocks
        try root.drop(FileName("a.txt"), Array("x".utf8))
        _ = pipeline.process(names: [FileName("a.txt")], claims: [])
        #expect(root.read("rejected", FileName("a.2.txt")) == Array("x".utf8))
        #expect(root.read("rejected", FileName("a.txt")) == [1])
    }

    @Test("candidate names: number before the extension, dotfiles and long names")
    func outputNames() {
        #expect(OutputName.candidate(for: FileName("report.txt"), attempt: 0) == FileName("report.txt"))
        #expect(OutputName.candidate(for: FileName("report.txt"), attempt: 12) == FileName("report.12.txt"))
        #expect(OutputName.candidate(for: FileName("report"), attempt: 3) == FileName("report.3"))
        #expect(OutputName.candidate(for: FileName(".hidden"), attempt: 1) == FileName(".hidden.1"))
        #expect(OutputName.candidate(for: FileName("a.tar.gz"), attempt: 1) == FileName("a.tar.1.gz"))
        let long = FileName(String(repeating: "年", count: 84) + ".txt")  // 256 bytes
        let cut = OutputName.candidate(for: long, attempt: 7)
        #expect(cut.bytes.count <= OutputName.maximumLength)
        #expect(cut.isValidUTF8 && cut.hasSuffix(".7.txt"))
        #expect(cut.appending(".findings.json").bytes.count <= 255)
    }
}
