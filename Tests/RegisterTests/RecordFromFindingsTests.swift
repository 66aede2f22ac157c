import Foundation
import Inbox
import NianbaoTestSupport
import Register
import ReportValidation
import Testing

/// The findings document the daemon writes carries what the register keeps, and reads back into the same
/// record: what recording, the catch-up at start and `register rebuild` all rely on.
@Suite("Record from findings")
struct RecordFromFindingsTests {
    static let samples = DaemonRecordingTests.samples

    @Test("a sample's findings document reads back as its record: cells, narrative, agency, counts, receipt", arguments: samples)
    func findingsDocumentReadsBack(sample: String) throws {
        let bytes = Array(try Data(contentsOf: BuiltNianbao.fixtures.appendingPathComponent(sample)))
        let report = ReportCheck(legacyDecoder: nil).check(bytes: bytes, fileName: sample, currentYear: 2026)
        let receipt = FindingsReceipt(
            originalName: "原名.txt", size: bytes.count, sha256: "ab12", receivedAt: "2026-01-12T08:30:12.345Z",
            judgedAt: "2026-01-12T08:30:13.000Z", agencyMatched: "某某县人民政府办公室")
        let document = FindingsJSON().render(CheckedFile(path: sample, report: report), receipt: receipt)
        let record = try #require(
            RegisterRecord(findingsDocument: Array(document.utf8), folder: "rejected", finalName: Array(sample.utf8), office: "办"))
        let snapshot = try #require(report.result.snapshot)
        #expect(record.cells.dictionary == snapshot.cells)
        #expect(record.narrative == snapshot.narrative)
        #expect(record.agencyTitled == snapshot.agency)
        #expect(record.agencyMatched == "某某县人民政府办公室")
        #expect(record.year == report.result.year && record.format == report.result.formatVersion)
        #expect(record.verdict == report.result.verdict)
        #expect(record.errors == report.result.errors.count && record.warnings == report.result.warnings.count)
        #expect(record.codes == Array(Set(report.result.findings.map(\.code.rawValue))).sorted())
        #expect(record.sha256 == "ab12" && record.size == bytes.count && record.originalName == Array("原名.txt".utf8))
        #expect(record.receivedAt == 1_768_206_612_345_000)
        #expect(record.filedAt == 1_768_206_613_000_000)
        #expect(record.findingsJSON == document)
    }

    @Test("a GBK-named original comes back byte for byte from originalNameHex")
    func gbkOriginalNameReadsBack() throws {
        let report = ReportCheck(legacyDecoder: nil).check(bytes: Array("x".utf8), fileName: nil, currentYear: 2026)
        let receipt = FindingsReceipt(
            originalName: "\u{FFFD}\u{FFFD}2021.txt", originalNameHex: "cec4cfd8323032312e747874", size: 1, sha256: nil,
            receivedAt: "2026-01-12T00:00:00.000Z", judgedAt: "2026-01-12T00:00:00.000Z")
        let document = FindingsJSON().render(CheckedFile(path: "x", report: report), receipt: receipt)
        let record = try #require(
            RegisterRecord(findingsDocument: Array(document.utf8), folder: "rejected", finalName: [0xCE, 0xC4], office: ""))
        #expect(record.originalName == [0xCE, 0xC4, 0xCF, 0xD8] + Array("2021.txt".utf8))
        #expect(record.sha256 == "")
    }

    @Test("times are read back as WallTime wrote them", arguments: [0, 1_768_206_612_345_000_000, 951_782_400_999_000_000] as [Int64])
    func rfc3339RoundTrip(nanoseconds: Int64) {
        let text = WallTime(nanosecondsSinceEpoch: nanoseconds).rfc3339
        #expect(RegisterRecord.epochMicroseconds(rfc3339: text) == nanoseconds / 1000, "\(text)")
    }

    @Test(
        "bytes that are not a findings document are not a record",
        arguments: ["", "{}", "[1]", #"{"schema":"other","verdict":"accepted"}"#])
    func notAFindingsDocument(text: String) {
        #expect(RegisterRecord(findingsDocument: Array(text.utf8), folder: "accepted", finalName: [0x61], office: "") == nil)
    }
}
