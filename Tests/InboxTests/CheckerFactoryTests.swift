import Logging
import ReportValidation
import Testing

@testable import Inbox

/// The one factory of configured checkers: what `check` and the daemon (at start and at reload) judge with.
@Suite("CheckerFactory")
struct CheckerFactoryTests {
    @Test("the factory finds iconv, pdftotext and LibreOffice once and says which tools it uses")
    func findsItsServicesOnce() {
        let log = CapturedLog()
        let factory = CheckerFactory(logger: log.logger)
        #expect(factory.legacyDecoder != nil, "glibc's GB18030 converter is part of every Debian system")
        #expect(factory.pdfExtractor.toolPath == PopplerPDFExtractor.locate())
        #expect(factory.wordConverter.toolPath == LibreOfficeConverter.locate())
        #expect(log.messages(.info) == ["\(factory.pdfExtractor.availability) ", "\(factory.wordConverter.availability) "])
        #expect(log.messages(.warning).isEmpty)
    }

    @Test("a judge carries the settings' severities, size limit and language")
    func judgeCarriesTheSettings() {
        let settings = CheckerSettings(severityOverrides: ["FEE-001": .warning], maximumFileSize: 1234, language: .en)
        let judge = CheckerFactory(legacyDecoder: nil, pdfExtractor: ReportJudge.noPDFTool).judge(settings)
        #expect(judge.check.validator.severityOverrides == ["FEE-001": .warning])
        #expect(judge.reader.maximumSize == 1234)
        #expect(judge.language == .en)
        #expect(judge.check.legacyDecoder == nil)
    }

    @Test("the daemon's settings make the same judge as the factory's own settings")
    func daemonSettingsMapOneToOne() {
        let inbox = InboxSettings(maximumFileSize: 99, language: .en, severityOverrides: ["TEXT-006": .error])
        #expect(CheckerSettings(inbox) == CheckerSettings(severityOverrides: ["TEXT-006": .error], maximumFileSize: 99, language: .en))
    }

    @Test("a reload looks for pdftotext and LibreOffice again and logs only a change")
    func refreshLogsOnlyAChange() {
        let log = CapturedLog()
        var factory = CheckerFactory(legacyDecoder: nil, pdfExtractor: PopplerPDFExtractor(), wordConverter: LibreOfficeConverter())
        factory.refresh(logger: log.logger)
        #expect(log.messages().isEmpty, "nothing changed")
        var without = CheckerFactory(legacyDecoder: nil, pdfExtractor: ReportJudge.noPDFTool)
        without.refresh(logger: log.logger)
        #expect(without.pdfExtractor.toolPath == PopplerPDFExtractor.locate())
        #expect(without.wordConverter.toolPath == LibreOfficeConverter.locate())
        let changes = [PopplerPDFExtractor.locate(), LibreOfficeConverter.locate()].filter { $0 != nil }.count
        #expect(log.messages().count == changes)
    }
}
