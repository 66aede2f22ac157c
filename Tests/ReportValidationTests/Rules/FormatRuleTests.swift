import Testing

@testable import ReportValidation

@Suite struct FormatRuleTests {
    static let trialMarker = FormatMarker(version: .trial2019, text: "本年新制作数量", line: 13)
    static let currentMarker = FormatMarker(version: .format2021, text: "本年制发件数", line: 14)

    @Test func trialFormatInA2021ReportIsAnError() throws {
        var document = DocumentBuilder.consistent(year: 2021)
        document.formatMarkers = [Self.trialMarker]
        let found = try #require(ruleFindings("FMT-001", in: document).first)
        #expect(found.severity == .error)
        #expect(found.location.line == 13)
        #expect(found.evidence == "“本年新制作数量” @ 13")
    }

    @Test func trialFormatInA2020ReportIsFine() {
        var document = DocumentBuilder.consistent(year: 2020)
        document.formatMarkers = [Self.trialMarker]
        #expect(ruleFindings("FMT-001", in: document).isEmpty)
        #expect(ruleFindings("FMT-002", in: document).isEmpty)
    }

    @Test func format2021InA2020ReportIsAnError() throws {
        var document = DocumentBuilder.consistent(year: 2020)
        document.formatMarkers = [Self.currentMarker]
        let found = try #require(ruleFindings("FMT-002", in: document).first)
        #expect(found.severity == .error)
        #expect(found.location.line == 14)
        #expect(found.evidence == "“本年制发件数” @ 14")
    }

    @Test(arguments: [2020, 2022])
    func mixedMarkersAreOneFmt003AndNoFmt001Or002(year: Int) throws {
        var document = DocumentBuilder.consistent(year: year)
        document.formatMarkers = [Self.currentMarker, Self.trialMarker]
        let found = try #require(ruleFindings("FMT-003", in: document).first)
        #expect(found.location.line == 13)
        #expect(found.evidence == "2019: “本年新制作数量” @ 13; 2021: “本年制发件数” @ 14")
        #expect(ruleFindings("FMT-001", in: document).isEmpty)
        #expect(ruleFindings("FMT-002", in: document).isEmpty)
    }

    @Test func mixedMarkersWithoutAYearAreStillFmt003() {
        var document = DocumentBuilder.consistent()
        document.year = nil
        document.formatMarkers = [Self.currentMarker, Self.trialMarker]
        #expect(ruleFindings("FMT-003", in: document).count == 1)
    }

    @Test(arguments: [2007, 2018])
    func preRevisionYearIsUnsupported(year: Int) throws {
        var document = DocumentBuilder.consistent(year: 2021)
        document.year = year
        let found = try #require(ruleFindings("FMT-004", in: document, currentYear: nil).first)
        #expect(found.severity == .error)
        #expect(found.evidence == "\(year) ≤ 2018")
    }

    @Test func futureYearIsAnError() throws {
        let document = DocumentBuilder.consistent(year: 2026)
        let found = try #require(ruleFindings("FMT-004", in: document, currentYear: 2025).first)
        #expect(found.evidence == "2026 > 2025")
        #expect(found.location.line == 1)
    }

    @Test func futureYearIsNotJudgedWithoutTheCurrentYear() {
        #expect(ruleFindings("FMT-004", in: DocumentBuilder.consistent(year: 2026), currentYear: nil).isEmpty)
    }

    @Test func currentYearItselfIsNotFmt004() {
        #expect(ruleFindings("FMT-004", in: DocumentBuilder.consistent(year: 2025), currentYear: 2025).isEmpty)
    }

    @Test func localTemplateVariationIsAWarningEach() throws {
        var document = DocumentBuilder.consistent()
        document.templateVariations = [
            TemplateVariation(text: "保留4位小数", line: 24, table: .proactive),
            TemplateVariation(text: "第二十条第(八)项", line: 22, table: .proactive),
        ]
        let found = ruleFindings("FMT-005", in: document)
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.severity == .warning })
        #expect(found.first?.location == Location(line: 24, section: .proactive, table: .proactive))
        #expect(found.first?.evidence == "保留4位小数")
    }
}
