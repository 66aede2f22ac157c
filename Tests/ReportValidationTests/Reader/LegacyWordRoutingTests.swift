import NianbaoTestSupport
import Testing

@testable import ReportValidation

/// Which bytes `ReportCheck` hands to the Word 97 converter, and what it makes of each answer. The
/// converter here is a stand-in that answers with a fixed `.docx` or failure (the pure module runs no
/// program); InboxTests run the real LibreOffice on the `.doc` fixtures.
@Suite struct LegacyWordRoutingTests {
    /// Answers every call with `answer`, or with a failure naming the format it was asked for.
    struct StandIn: LegacyWordConverter {
        var answer: LegacyWordConversion?
        var name: String { "Stand-in" }
        func docx(of bytes: [UInt8], format: LegacyWordFormat) -> LegacyWordConversion {
            answer ?? .failed(reason: "asked for \(format.rawValue), \(bytes.count) bytes")
        }
    }

    /// An OLE2 compound file's first bytes and some padding: enough for the sniffer.
    static let compoundFile = LegacyWordFormat.compoundFileMagic + [UInt8](repeating: 0, count: 504)

    static func check(_ bytes: [UInt8], named name: String, with converter: (any LegacyWordConverter)?) -> CheckedReport {
        ReportCheck(legacyDecoder: nil, wordConverter: converter).check(bytes: bytes, fileName: name, currentYear: 2025)
    }

    @Test("a compound file goes to the converter and its .docx is read like a Word file, labelled by the name")
    func convertedDocxIsRead() throws {
        let docx = TestDOCX.report(try Seeds.text("000_e80fb3b6824ca3a9.txt"))
        for (name, label) in [("report.doc", "doc"), ("报告.WPS", "wps"), ("report.wps", "wps")] {
            let checked = Self.check(Self.compoundFile, named: name, with: StandIn(answer: .docx(docx)))
            #expect(checked.result.verdict == .accepted, "\(name): \(checked.result.errors.map(\.code))")
            #expect(checked.convertedBy == "Stand-in (\(label)→docx)")
            #expect(checked.result.layout == .docx, "read through the Word grid")
        }
    }

    @Test("content decides: a compound file named .txt is converted, a text file named .doc or .wps is not")
    func routedByContent() throws {
        let asText = Self.check(Self.compoundFile, named: "report.txt", with: StandIn())
        #expect(asText.result.findings.map(\.evidence) == ["Word 97–2003 (.doc), WPS or Excel 97–2003 (.xls) (asked for doc, 512 bytes)"])
        let text = Array(try Seeds.text("000_e80fb3b6824ca3a9.txt").utf8)
        for name in ["report.doc", "report.wps"] {
            let checked = Self.check(text, named: name, with: StandIn())
            #expect(checked.result.verdict == .accepted, "\(name): \(checked.result.errors.map(\.code))")
            #expect(checked.convertedBy == nil)
        }
    }

    @Test("without a converter, or when none is installed, a compound file keeps FILE-004's note")
    func noConverterKeepsTheNote() throws {
        for converter in [nil, StandIn(answer: .toolMissing) as (any LegacyWordConverter)?] {
            let checked = Self.check(Self.compoundFile, named: "report.doc", with: converter)
            let finding = try #require(checked.result.findings.first)
            #expect(checked.result.findings.map(\.code) == ["FILE-004"])
            #expect(finding.evidence == ContainerKind.legacyOffice.rawValue)
            #expect(finding.hint.zh.contains("另存为 .docx"))
            #expect(checked.convertedBy == nil)
        }
    }

    @Test("a failed conversion is FILE-004 with the converter's reason")
    func failedConversion() throws {
        let checked = Self.check(Self.compoundFile, named: "report.wps", with: StandIn(answer: .failed(reason: "too slow")))
        #expect(checked.result.findings.map(\.code) == ["FILE-004"])
        #expect(checked.result.findings.first?.evidence == "Word 97–2003 (.doc), WPS or Excel 97–2003 (.xls) (too slow)")
        #expect(checked.result.findings.first?.message.en.contains("too slow") == true)
        #expect(checked.convertedBy == nil)
    }

    @Test("a converter's damaged .docx is FILE-006, and the finding says it was converted")
    func damagedConvertedDocx() {
        let checked = Self.check(Self.compoundFile, named: "report.doc", with: StandIn(answer: .docx([0x50, 0x4B, 0x03, 0x04, 1, 2])))
        #expect(checked.result.findings.map(\.code) == ["FILE-006"])
        #expect(checked.convertedBy == "Stand-in (doc→docx)")
    }
}
