import Testing

@testable import ReportValidation

/// Every input problem gets its own FILE finding, worded in plain Chinese and English, with advice that fits it.
@Suite struct InputProblemWordingTests {
    /// Every case of ``InputProblem`` (each special-file and container kind, each PDF problem), with its code.
    static let cases: [(problem: InputProblem, code: RuleCode)] =
        [
            (.binary(offset: 12), "FILE-001"),
            (.undecodable(offset: 7, encoding: .gb18030), "FILE-002"),
            (.undecodable(offset: 3, encoding: .utf8BOM), "FILE-002"),
            (.empty, "FILE-003"),
            (.unreadablePDF(.noConverter), "FILE-004"),
            (.unreadablePDF(.noTextLayer), "FILE-004"),
            (.unreadablePDF(.conversionFailed(reason: "pdftotext could not open it: Syntax Error")), "FILE-004"),
            (.unconvertedLegacyOffice(reason: "LibreOffice wrote no .docx: Error: source file could not be loaded"), "FILE-004"),
            (.tooLarge(size: 30_000_000, limit: 20_971_520), "FILE-005"),
            (.damagedContainer(kind: "Word (.docx)", reason: ZipError.multiVolume.reason), "FILE-006"),
            (.checkAbandoned(attempts: 2), "FILE-007"),
            (.symbolicLink, "FILE-008"),
            (.directory, "FILE-008"),
            (.hardLink(names: 3), "FILE-008"),
            (.permissionDenied, "FILE-009"),
        ]
        + ContainerKind.allCases.map { (InputProblem.unsupportedContainer($0), "FILE-004") }
        + SpecialFileKind.allCases.map { (InputProblem.specialFile($0), "FILE-008") }

    /// Latin words a Chinese note may carry: file-format, encoding and program names, and units.
    static let allowedLatin: Set<String> = [
        "txt", "md", "html", "docx", "doc", "xls", "xlsx", "pptx", "odt", "ods", "odp",
        "PDF", "Word", "WPS", "Excel", "PowerPoint", "OpenDocument", "ZIP", "PNG", "JPEG", "GIF", "RTF",
        "UTF", "BOM", "GB", "GBK", "nianbao", "poppler", "utils", "MB",
    ]

    static func finding(_ problem: InputProblem) -> [Finding] {
        ReportCheck(legacyDecoder: nil).reject(problem, currentYear: 2026).result.findings
    }

    /// The runs of ASCII letters in `text`.
    static func latinWords(_ text: String) -> [String] {
        text.split { !($0.isASCII && $0.isLetter) }.map(String.init)
    }

    @Test("each input problem is one error with its own code", arguments: cases.indices)
    func eachProblemHasItsCode(_ index: Int) {
        let (problem, code) = Self.cases[index]
        let found = Self.finding(problem)
        #expect(found.map(\.code) == [code], "\(problem)")
        #expect(found.first?.severity == .error)
        #expect(found.first?.location == .document)
    }

    @Test("the Chinese message and advice hold no English, only format and program names", arguments: cases.indices)
    func chineseTextHasNoEnglish(_ index: Int) throws {
        let problem = Self.cases[index].problem
        let finding = try #require(Self.finding(problem).first)
        for text in [finding.message.zh, finding.hint.zh] {
            #expect(!text.isEmpty)
            let stray = Self.latinWords(text).filter { !Self.allowedLatin.contains($0) }
            #expect(stray.isEmpty, "\(problem): \(stray) in “\(text)”")
            #expect(text.unicodeScalars.contains { $0.properties.isIdeographic }, "\(problem): “\(text)” is not Chinese")
        }
    }

    @Test("the English message and advice hold no Chinese", arguments: cases.indices)
    func englishTextHasNoChinese(_ index: Int) throws {
        let problem = Self.cases[index].problem
        let finding = try #require(Self.finding(problem).first)
        for text in [finding.message.en, finding.hint.en] {
            #expect(!text.isEmpty)
            #expect(!text.unicodeScalars.contains { $0.properties.isIdeographic }, "\(problem): “\(text)”")
        }
    }

    @Test("no two problems share a message", arguments: [Language.zh, .en])
    func messagesAreDistinct(_ language: Language) throws {
        var seen: [String: InputProblem] = [:]
        for (problem, _) in Self.cases {
            let message = try #require(Self.finding(problem).first).message.text(in: language)
            #expect(seen[message] == nil, "\(problem) and \(String(describing: seen[message])) both say “\(message)”")
            seen[message] = problem
        }
    }

    @Test("a symbolic link is told to submit the file itself, not a shortcut")
    func symbolicLinkAdvice() throws {
        let finding = try #require(Self.finding(.symbolicLink).first)
        #expect(finding.message.zh.contains("符号链接") && finding.message.zh.contains("快捷方式"))
        #expect(finding.hint.zh == "请直接提交报告文件本身，不要提交快捷方式或符号链接")
        #expect(finding.hint.en == "Submit the report file itself, not a shortcut or symbolic link")
        #expect(finding.evidence == "symbolic link")
    }

    @Test("permission denied tells the sender to make the file readable")
    func permissionAdvice() throws {
        let finding = try #require(Self.finding(.permissionDenied).first)
        #expect(finding.hint.zh.contains("允许他人读取") && finding.hint.en.contains("readable"))
        #expect(!finding.hint.zh.contains(".docx"), "a readable file's format is not the problem")
    }

    @Test("special files, folders and hard links are named for what they are, with advice of their own")
    func objectsAreNamed() throws {
        let expected: [(InputProblem, zh: String, en: String, evidence: String)] = [
            (.specialFile(.fifo), "命名管道", "named pipe", "FIFO"),
            (.specialFile(.characterDevice), "字符设备", "character device", "character device"),
            (.specialFile(.blockDevice), "块设备", "block device", "block device"),
            (.specialFile(.socket), "套接字", "socket", "socket"),
            (.directory, "文件夹", "folder", "directory"),
            (.hardLink(names: 3), "3 个名称", "3 names", "hard link (3 names for one file)"),
        ]
        for (problem, zh, en, evidence) in expected {
            let finding = try #require(Self.finding(problem).first)
            #expect(finding.message.zh.contains(zh) && finding.message.en.contains(en), "\(problem)")
            #expect(finding.evidence == evidence)
        }
        let folder = try #require(Self.finding(.directory).first)
        let link = try #require(Self.finding(.hardLink(names: 2)).first)
        #expect(folder.hint != link.hint)
        #expect(link.hint.zh.contains("复制"))
    }

    @Test("images, old Office files and workbooks get the advice that fits them")
    func containerAdvice() throws {
        let image = try #require(Self.finding(.unsupportedContainer(.jpegImage)).first)
        #expect(image.message.zh.contains("JPEG") && image.hint.zh.contains("截图"))
        let doc = try #require(Self.finding(.unsupportedContainer(.legacyOffice)).first)
        #expect(doc.hint.zh.contains("另存为 .docx"))
        let workbook = try #require(Self.finding(.unsupportedContainer(.excelWorkbook)).first)
        #expect(workbook.hint.zh.contains("全文"))
        // A PDF met by the text decoder keeps FILE-004's general advice.
        let pdf = try #require(Self.finding(.unsupportedContainer(.pdf)).first)
        #expect(pdf.hint == RuleCatalogue.rule("FILE-004")?.hint)
    }

    @Test("a failed PDF conversion keeps the converter's English reason out of the Chinese message")
    func pdfReasonStaysInEvidence() throws {
        let reason = "pdftotext could not open it: Syntax Error"
        let finding = try #require(Self.finding(.unreadablePDF(.conversionFailed(reason: reason))).first)
        #expect(!finding.message.zh.contains(reason))
        #expect(finding.message.en.contains(reason))
        #expect(finding.evidence == "PDF (\(reason))")
    }

    @Test("a failed .doc conversion keeps LibreOffice's reason in the evidence and advises saving as .docx")
    func legacyConversionReasonStaysInEvidence() throws {
        let reason = "LibreOffice wrote no .docx: Error: source file could not be loaded"
        let finding = try #require(Self.finding(.unconvertedLegacyOffice(reason: reason)).first)
        #expect(!finding.message.zh.contains(reason) && finding.message.zh.contains("依据"))
        #expect(finding.message.en.contains(reason))
        #expect(finding.evidence == "Word 97–2003 (.doc), WPS or Excel 97–2003 (.xls) (\(reason))")
        #expect(finding.hint.zh.contains("另存为 .docx"))
    }
}
