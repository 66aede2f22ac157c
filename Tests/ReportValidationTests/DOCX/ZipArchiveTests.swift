import NianbaoTestSupport
import Testing

@testable import ReportValidation

/// The zip reader on real (Python-zipfile) packages and on forged ones.
@Suite struct ZipArchiveTests {
    @Test(arguments: ["report.docx", "report-streamed.docx"])
    func wordPackagesOpenAndTheirDocumentExtracts(_ name: String) throws {
        var archive = try ZipArchive(try DocxFixtures.bytes(name))
        #expect(
            archive.entries.map(\.name) == [
                "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
            ])
        #expect(archive.entries.allSatisfy { $0.method == 8 })
        // zipfile writes data descriptors (flag bit 3) to an unseekable stream.
        #expect(archive.entries.allSatisfy { ($0.flags & 8 != 0) == (name == "report-streamed.docx") })
        let document = try #require(try archive.extract("word/document.xml"))
        #expect(document.count == archive.entry(named: "word/document.xml")?.uncompressedSize)
        #expect(document.starts(with: Array("<?xml".utf8)))
        #expect(try archive.extract("word/missing.xml") == nil)
    }

    @Test func aStoredEntryRoundTrips() throws {
        var writer = ZipWriter()
        writer.add("a.txt", "一二三")
        writer.comment = Array("comment with PK\u{5}\u{6} inside".utf8)
        var archive = try ZipArchive(writer.archive())
        #expect(try archive.extract("a.txt") == Array("一二三".utf8))
    }

    @Test func theTotalLimitCountsEveryExtraction() throws {
        var writer = ZipWriter()
        writer.add("a", String(repeating: "x", count: 600))
        writer.add("b", String(repeating: "y", count: 600))
        var archive = try ZipArchive(writer.archive(), limits: ZipLimits(maximumTotalSize: 1000))
        #expect(try archive.extract("a")?.count == 600)
        #expect(throws: ZipError.totalTooLarge(limit: 1000)) { try archive.extract("b") }
    }

    @Test(arguments: [
        "../evil.xml", "word/../../evil.xml", "word/..", "/etc/passwd", "word\\document.xml", "a\u{0}b", "C:/x.xml",
    ])
    func pathTraversalNamesMakeTheArchiveHostile(_ name: String) {
        var writer = ZipWriter()
        writer.add("word/document.xml", "<w:document/>")
        writer.add(name, "x")
        #expect(throws: ZipError.unsafeName(name)) { try ZipArchive(writer.archive()) }
    }

    @Test func namesThatOnlyLookLikeTraversalAreSafe() {
        #expect(EntryName.isSafe(Array("word/document.xml".utf8)))
        #expect(EntryName.isSafe(Array("a..b/..c/d..".utf8)))
        #expect(EntryName.isSafe(Array("./x".utf8)))
        // GBK 表 is B1 ED, 丂 is 81 40; 0x5C is the second byte of e.g. 乗 (81 5C) in GBK names.
        #expect(EntryName.isSafe([0x81, 0x5C, 0x2E, 0x74, 0x78, 0x74]))
    }

    @Test func theDirectoryIsFoundBehindALongComment() throws {
        var writer = ZipWriter()
        writer.add("a", "x")
        writer.comment = [UInt8](repeating: 0x20, count: 0xFFFF)
        #expect(try ZipArchive(writer.archive()).entries.count == 1)
    }

    @Test(arguments: HostileArchive.all)
    func hostileArchivesFailWithTheirReason(_ hostile: HostileArchive) {
        let clock = ThreadCPUClock()  // CPU time: a busy machine does not count against the case
        let start = clock.now()
        #expect(throws: hostile.error) {
            var archive = try ZipArchive(hostile.bytes, limits: hostile.limits)
            _ = try archive.extract("word/document.xml")
        }
        #expect(clock.now() - start < .seconds(2))
    }
}
