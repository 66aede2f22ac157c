import Foundation
import Glibc
import ReportValidation
import Testing

@testable import Inbox

@Suite("Hostile input")
struct HostileInputTests {
    let root: InboxRoot
    let pipeline: ClaimPipeline

    init() throws {
        root = try InboxRoot()
        pipeline = try makePipeline(root, settings: InboxSettings(maximumFileSize: 4096))
    }

    /// Claims and finishes `names` in one batch.
    func process(_ names: [String]) -> BatchReport {
        pipeline.process(names: names.map { FileName($0) }, claims: [])
    }

    @Test("a symbolic link to a secret is rejected as a link; the secret reaches no output file")
    func symlinkNeverFollowed() throws {
        let marker = "TOP-SECRET-\(UUID().uuidString)"
        try root.write("outside", FileName("secret.txt"), Array("一、总体情况\n\(marker)\n".utf8))
        #expect(symlink(root.root + "/outside/secret.txt", root.inbox + "/link.txt") == 0)
        let batch = process(["link.txt"])
        #expect(batch.verdicts == [.rejected])
        var st = stat()
        #expect(lstat(root.root + "/rejected/link.txt", &st) == 0 && st.st_mode & S_IFMT == S_IFLNK)
        #expect(root.codes("rejected", FileName("link.txt")).contains("FILE-008"))
        for (path, bytes) in root.allFiles() where !path.hasSuffix("/outside/secret.txt") {
            #expect(!String(decoding: bytes, as: UTF8.self).contains(marker), "secret leaked into \(path)")
        }
        #expect(root.outputProblems().isEmpty)
    }

    @Test("a FIFO without a writer is rejected without blocking")
    func fifoNeverBlocks() async throws {
        #expect(mkfifo(root.inbox + "/pipe.txt", 0o644) == 0)
        // Opening a FIFO without a writer blocks for ever: that the batch returns at all is the proof.
        let batch = process(["pipe.txt"])
        #expect(batch.verdicts == [.rejected])
        #expect(root.codes("rejected", FileName("pipe.txt")).contains("FILE-008"))
    }

    @Test("a hard link is rejected with a note; the other name keeps its bytes")
    func hardLinkRejected() throws {
        let bytes = try Fixtures.bytes(Fixtures.names[0])
        try root.write("outside", FileName("original.txt"), bytes)
        #expect(link(root.root + "/outside/original.txt", root.inbox + "/hard.txt") == 0)
        #expect(process(["hard.txt"]).verdicts == [.rejected])
        let json = try #require(root.findingsJSON("rejected", FileName("hard.txt")))
        #expect(String(describing: json["findings"]).contains("hard link"))
        let kept = root.read("outside", FileName("original.txt")) == bytes
        let moved = root.read("rejected", FileName("hard.txt")) == bytes
        #expect(kept && moved)
    }

    @Test("empty, binary, oversize and undecodable files are each rejected with their finding")
    func junkRejected() throws {
        let junk: [(String, String, [UInt8])] = [
            ("empty.txt", "FILE-003", []),
            ("binary.txt", "FILE-001", [0x41, 0, 0, 1, 2, 0xFF, 0]),
            ("oversize.txt", "FILE-005", Array(repeating: 0x61, count: 4097)),
            ("undecodable.txt", "FILE-002", Array("年报".utf8) + [0x80, 0xFF, 0x80, 0xFF, 0x20]),
        ]
        for (name, _, bytes) in junk { try root.drop(FileName(name), bytes) }
        let batch = process(junk.map(\.0))
        #expect(batch.verdicts.count == junk.count && batch.verdicts.allSatisfy { $0 == .rejected })
        for (name, code, bytes) in junk {
            #expect(root.codes("rejected", FileName(name)).contains(code), "\(name)")
            #expect(root.read("rejected", FileName(name)) == bytes)
        }
        #expect(root.findingsJSON("rejected", FileName("oversize.txt"))?["sha256"] is NSNull, "oversize is not read")
    }

    @Test("a GBK-named file keeps its exact name bytes in the output and the findings names")
    func gbkNameKeptAsBytes() throws {
        let name = FileName([0xC4, 0xEA, 0xB1, 0xA8] + Array(".txt".utf8))  // 年报.txt in GBK
        let bytes = try Fixtures.bytes(Fixtures.names[0])
        try root.drop(name, bytes)
        let pipeline = try makePipeline(root)  // the default size limit: the sample is 7 KB
        #expect(pipeline.process(names: [name], claims: []).verdicts == [.accepted])
        let identical = root.read("accepted", name) == bytes
        #expect(identical)
        #expect(root.read("accepted", name.appending(".findings.txt")) != nil)
        let json = try #require(root.findingsJSON("accepted", name))
        #expect(json["originalNameHex"] as? String == name.hex)
        // C4 starts no valid sequence; EA B1 A8 happens to be valid UTF-8 (걨): shown as it decodes.
        #expect(name.shown == "\\xc4걨.txt")
    }

    @Test("a directory that slipped into a claim is moved out whole and rejected, never emptied")
    func claimedDirectory() throws {
        try root.write("inbox/folder", FileName("inside.txt"), [1, 2, 3])
        #expect(process(["folder"]).verdicts == [.rejected])
        #expect(root.read("rejected/folder", FileName("inside.txt")) == [1, 2, 3])
    }
}
