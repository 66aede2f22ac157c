import Foundation
import Inbox
import NianbaoTestSupport
import ReportValidation
import Testing

/// True when LibreOffice is not where the converter looks: the tests that run it are skipped.
let libreOfficeMissing = LibreOfficeConverter.locate() == nil

extension Trait where Self == ConditionTrait {
    /// Skips a test that runs the real LibreOffice, saying so, when it is not installed.
    static var needsLibreOffice: Self {
        .disabled(if: libreOfficeMissing, "LibreOffice is not installed (apt-get install --no-install-recommends libreoffice-writer-nogui)")
    }
}

/// The five sample reports as Word 97 files — made by LibreOffice from their Word renderings
/// (scripts/make-doc-fixtures) — converted back by the real LibreOffice, must be judged like their text.
/// Serialized: each conversion starts a whole office suite, and two cores are better used one at a time.
@Suite("Sample reports as Word 97 files", .serialized)
struct WordNinetySevenReportTests {
    /// The real converter; its time limit is only a guard against a hung LibreOffice, not a budget.
    static let converter = LibreOfficeConverter(
        toolPath: LibreOfficeConverter.locate(), timeLimit: .seconds(600), outputLimit: LibreOfficeConverter.defaultOutputLimit)

    /// The `.doc` fixture of sample `fixture` (`000_….txt` → `DOC/000_….doc`).
    static func doc(_ fixture: String) throws -> [UInt8] {
        try Fixtures.bytes("DOC/" + RenderingEquivalenceTests.stem(fixture) + ".doc")
    }

    static func check(_ bytes: [UInt8], named name: String, converter: LibreOfficeConverter? = converter) throws -> CheckedReport {
        ReportCheck(legacyDecoder: try IconvDecoder(), wordConverter: converter).check(
            bytes: bytes, fileName: name, currentYear: RenderingEquivalenceTests.year)
    }

    @Test("every .doc fixture is a real Word 97 file, a compound file LibreOffice wrote", arguments: Fixtures.names)
    func fixturesAreWordNinetySeven(fixture: String) throws {
        let bytes = try Self.doc(fixture)
        #expect(LegacyWordFormat.isCompoundFile(bytes))
        // The Word 97 body stream is named in the compound file's directory (UTF-16LE).
        #expect(bytes.firstRange(of: Array("WordDocument".utf16.flatMap { [UInt8($0), 0] })) != nil)
    }

    @Test("the .doc gets the text form's verdict and codes", .needsLibreOffice, arguments: Fixtures.names)
    func sameJudgement(fixture: String) throws {
        let text = try RenderingEquivalenceTests.text(fixture)
        let baseline = try Self.check(Array(text.utf8), named: fixture)
        let name = RenderingEquivalenceTests.stem(fixture) + ".doc"
        let converted = try Self.check(try Self.doc(fixture), named: name)
        #expect(converted.convertedBy == "LibreOffice (doc→docx)")
        #expect(converted.result.layout == .docx)
        #expect(converted.result.year == baseline.result.year)
        RenderingEquivalenceTests.expectSameJudgement(
            converted, baseline, exception: RenderingEquivalenceTests.docxExceptions[fixture], name)
    }

    @Test("a .wps (a Word 97 file under a WPS name) is converted and labelled as WPS", .needsLibreOffice)
    func wps() throws {
        let fixture = Fixtures.names[0]
        let baseline = try Self.check(Array(try RenderingEquivalenceTests.text(fixture).utf8), named: fixture)
        let converted = try Self.check(try Self.doc(fixture), named: "报告.wps")
        #expect(converted.convertedBy == "LibreOffice (wps→docx)")
        RenderingEquivalenceTests.expectSameJudgement(
            converted, baseline, exception: RenderingEquivalenceTests.docxExceptions[fixture], "报告.wps")
    }

    @Test("content decides: a .doc named .txt is converted too", .needsLibreOffice)
    func misnamed() throws {
        let converted = try Self.check(try Self.doc(Fixtures.names[1]), named: "001.txt")
        #expect(converted.convertedBy == "LibreOffice (doc→docx)")
        #expect(converted.result.verdict == .rejected)
        #expect(!converted.result.findings.contains { $0.code.rawValue.hasPrefix("FILE-") })
    }

    @Test("a damaged compound file fails with LibreOffice's reason: FILE-004", .needsLibreOffice)
    func damaged() throws {
        let bytes = LegacyWordFormat.compoundFileMagic + [UInt8]((0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 13) })
        let checked = try Self.check(bytes, named: "damaged.doc")
        let finding = try #require(checked.result.findings.first)
        #expect(checked.result.findings.map(\.code) == ["FILE-004"])
        #expect(
            finding.evidence?.hasPrefix("Word 97–2003 (.doc), WPS or Excel 97–2003 (.xls) (LibreOffice wrote no .docx") == true,
            "\(finding.evidence ?? "")")
        #expect(checked.convertedBy == nil)
    }

    @Test("without LibreOffice a .doc or .wps keeps FILE-004's note on what to submit", arguments: ["000.doc", "000.wps"])
    func withoutConverter(name: String) throws {
        let missing = LibreOfficeConverter(toolPath: "/nonexistent/nianbao/oosplash", timeLimit: .seconds(5), outputLimit: 1 << 20)
        for converter in [nil, CheckerFactory.noWordConverter, missing] {
            let checked = try Self.check(try Self.doc(Fixtures.names[0]), named: name, converter: converter)
            let finding = try #require(checked.result.findings.first)
            #expect(checked.result.findings.map(\.code) == ["FILE-004"])
            #expect(finding.evidence == ContainerKind.legacyOffice.rawValue)
            #expect(finding.message.zh.contains("旧版 Word（.doc）、WPS"))
            #expect(finding.hint.zh.contains("另存为 .docx"))
            #expect(checked.convertedBy == nil)
        }
    }
}
