import Foundation
import Glibc
import NianbaoTestSupport
import Testing

/// `nianbao check` on the five sample reports, through the real executable.
@Suite(.offThePool) struct CheckCommandTests {
    /// Expected outcome of each fixture (spec §14 and the project brief).
    static let expected: [(fixture: String, verdict: String, status: Int32)] = [
        ("000", "accepted", 0),
        ("001", "rejected", 1),
        ("002", "rejected", 1),
        ("003", "rejected", 1),
        ("004", "accepted", 0),
    ]

    @Test(arguments: expected.map(\.fixture))
    func fixtureGetsItsExpectedVerdict(_ fixture: String) throws {
        let expectation = try #require(Self.expected.first { $0.fixture == fixture })
        let path = try NianbaoBinary.fixture(fixture)
        let run = try NianbaoBinary.run(["check", "--format", "json", path])
        let object = try #require(try run.json() as? [String: Any], "stdout is not one JSON object: \(run.stdout)")
        #expect(object["schema"] as? String == "nianbao.findings/2")
        #expect(object["file"] as? String == path)
        #expect(object["verdict"] as? String == expectation.verdict, "\(fixture): \(codes(object))")
        #expect(run.status == expectation.status, "\(fixture) exit status; stderr: \(run.stderr)")
        #expect(object["encoding"] as? String == "UTF-8")
        let findings = try #require(object["findings"] as? [[String: Any]])
        let counts = try #require(object["counts"] as? [String: Int])
        #expect(counts["errors"] == findings.filter { $0["severity"] as? String == "error" }.count)
        #expect(counts["warnings"] == findings.filter { $0["severity"] as? String == "warning" }.count)
        #expect((counts["errors"] ?? 0 > 0) == (expectation.verdict == "rejected"))
    }

    @Test func fixture003IsRejectedForTheMissingFeeStatement() throws {
        let run = try NianbaoBinary.run(["check", "--format", "json", try NianbaoBinary.fixture("003")])
        let object = try #require(try run.json() as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        let fee = findings.filter { $0["code"] as? String == "FEE-001" }
        #expect(fee.count == 1)
        #expect(fee.first?["severity"] as? String == "error")
    }

    @Test func severityOverrideChangesTheFindingsSeverity() throws {
        let run = try NianbaoBinary.run([
            "check", "--format", "json", "--severity", "FEE-001=warning", try NianbaoBinary.fixture("003"),
        ])
        let object = try #require(try run.json() as? [String: Any], "stderr: \(run.stderr)")
        let findings = try #require(object["findings"] as? [[String: Any]])
        let fee = try #require(findings.first { $0["code"] as? String == "FEE-001" })
        #expect(fee["severity"] as? String == "warning")
        // FEE-001 is 003's only error (spec §16), so the lenient policy accepts it.
        #expect(object["verdict"] as? String == "accepted")
        #expect(run.status == 0)
    }

    @Test func englishJSONCarriesEnglishMessages() throws {
        let run = try NianbaoBinary.run(["check", "--format", "json", "--lang", "en", try NianbaoBinary.fixture("003")])
        let object = try #require(try run.json() as? [String: Any])
        #expect(object["language"] as? String == "en")
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty)
        for finding in findings {
            #expect(finding["message"] as? String == finding["messageEn"] as? String)
            #expect(finding["hint"] as? String == finding["hintEn"] as? String)
        }
    }

    @Test func directoryGivesAnArrayOfAllFixturesInNameOrder() throws {
        let run = try NianbaoBinary.run(["check", "--format", "json", "Tests/ReportValidationTests/Fixtures"])
        let array = try #require(try run.json() as? [[String: Any]], "stdout is not a JSON array: \(run.stdout)")
        let files = array.compactMap { $0["file"] as? String }
        #expect(files.count == 5)
        #expect(files == files.sorted())
        #expect(files.first?.hasPrefix("Tests/ReportValidationTests/Fixtures/000_") == true)
        #expect(array.map { $0["verdict"] as? String } == Self.expected.map(\.verdict))
        #expect(run.status == 1)
    }

    @Test func textOutputPutsTheVerdictFirstInTheChosenLanguage() throws {
        let path = try NianbaoBinary.fixture("001")
        let chinese = try NianbaoBinary.run(["check", path])
        #expect(chinese.stdout.hasPrefix("结论：不通过（"))
        #expect(chinese.stdout.contains("\n文件：\(path)\n"))
        let english = try NianbaoBinary.run(["check", "--lang", "en", path])
        #expect(english.stdout.hasPrefix("Verdict: REJECTED ("))
        #expect(english.stdout.contains("How to fix: "))
        #expect(chinese.status == 1 && english.status == 1)
    }

    @Test func missingFileIsAnErrorNamingThePathAndErrno() throws {
        let run = try NianbaoBinary.run(["check", "no/such/report.txt"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no/such/report.txt"))
        #expect(run.stderr.contains("errno 2"))
        let json = try NianbaoBinary.run(["check", "--format", "json", "no/such/report.txt"])
        #expect(json.status == 2)
        #expect(json.stdout.isEmpty, "nothing was judged, so nothing is printed")
    }

    @Test func missingFileAmongGoodOnesStillExitsTwo() throws {
        let run = try NianbaoBinary.run(["check", "--format", "json", try NianbaoBinary.fixture("000"), "missing.txt"])
        #expect(run.status == 2)
        let array = try #require(try run.json() as? [[String: Any]])
        #expect(array.count == 1)
    }

    @Test(arguments: [
        ["check", "--severity", "NO-SUCH-RULE=error", "x.txt"],
        ["check", "--severity", "FEE-001=fatal", "x.txt"],
        ["check", "--severity", "FEE-001", "x.txt"],
        ["check", "--lang", "fr", "x.txt"],
        ["check", "--format", "xml", "x.txt"],
        ["check", "--max-size", "lots", "x.txt"],
        ["check"],
        ["frobnicate"],
    ])
    func usageErrorsExitTwo(_ arguments: [String]) throws {
        let run = try NianbaoBinary.run(arguments)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(!run.stderr.isEmpty)
        #expect(run.stdout.isEmpty)
    }

    @Test func oversizeFileIsJudgedNotAnError() throws {
        let run = try NianbaoBinary.run(["check", "--format", "json", "--max-size", "1K", try NianbaoBinary.fixture("000")])
        let object = try #require(try run.json() as? [String: Any], "stderr: \(run.stderr)")
        #expect(object["verdict"] as? String == "rejected")
        #expect((object["findings"] as? [Any])?.isEmpty == false)
        #expect(run.status == 1)
    }

    @Test func nonRegularFileIsJudgedNotAnError() throws {
        let run = try NianbaoBinary.run(["check", "--format", "json", "/dev/null"])
        let object = try #require(try run.json() as? [String: Any], "stderr: \(run.stderr)")
        #expect(object["verdict"] as? String == "rejected")
        #expect(run.status == 1)
    }

    func codes(_ object: [String: Any]) -> String {
        let findings = object["findings"] as? [[String: Any]] ?? []
        return findings.map { "\($0["code"] ?? "?")(\($0["severity"] ?? "?"))" }.joined(separator: " ")
    }
}

extension CheckCommandTests {
    /// True when poppler's `pdftotext` is where nianbao looks for it.
    static let hasPDFToText = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].contains {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// A PDF reaches `pdftotext` (wired into `check`): a damaged one is rejected with its reason.
    /// All five sample reports as PDFs are checked against their text form in InboxTests' PDFReportTests.
    @Test(.disabled(if: !hasPDFToText, "pdftotext is not installed (apt-get install poppler-utils)"))
    func damagedPDFIsRejectedWithPDFToTextsReason() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-damaged-\(getpid()).pdf").path
        try Data("%PDF-1.4\nnot really a PDF\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try NianbaoBinary.run(["check", "--format", "json", "--lang", "en", path])
        let object = try #require(try run.json() as? [String: Any], "stderr: \(run.stderr)")
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.map { $0["code"] as? String } == ["FILE-004"])
        #expect((findings.first?["evidence"] as? String)?.hasPrefix("PDF (pdftotext could not open it") == true)
        #expect(run.status == 1)
    }

    /// Writes `bytes` to a fresh temporary file named `name`, runs `nianbao check arguments… FILE`, removes it.
    func check(_ bytes: [UInt8], named name: String, _ arguments: [String] = []) throws -> NianbaoBinary.Run {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try NianbaoBinary.run(["check"] + arguments + [path])
    }

    /// The text of sample `prefix`.
    static func sampleText(_ prefix: String) throws -> String {
        let path = BuiltNianbao.packageRoot.appendingPathComponent(try NianbaoBinary.fixture(prefix)).path
        return String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self)
    }

    @Test(.disabled(if: !hasPDFToText, "pdftotext is not installed (apt-get install poppler-utils)"))
    func sample000AsAPDFIsAcceptedAndSaysHowItWasConverted() throws {
        let run = try check(TestPDF.report(try Self.sampleText("000")), named: "000.pdf")
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.hasPrefix("结论：通过（"), "\(run.stdout)")
        #expect(run.stdout.contains("\n转换：pdftotext -layout\n"), "\(run.stdout)")
        #expect(run.stdout.contains("\n编码：UTF-8\n"), "\(run.stdout)")
    }

    @Test func sample000AsAWordFileIsAccepted() throws {
        let run = try check(TestDOCX.report(try Self.sampleText("000")), named: "000.docx", ["--format", "json"])
        let object = try #require(try run.json() as? [String: Any], "stderr: \(run.stderr)")
        #expect(object["verdict"] as? String == "accepted", "\(codes(object))")
        #expect(object["convertedBy"] is NSNull, "a Word file is read, not converted")
        #expect(object["year"] as? Int == 2021)
        #expect(run.status == 0, "stderr: \(run.stderr)")
    }

    @Test func plainTextNamedDocxIsRejectedAsNoWordDocument() throws {
        let run = try check(Array(try Self.sampleText("000").utf8), named: "000.docx", ["--format", "json", "--lang", "en"])
        let object = try #require(try run.json() as? [String: Any], "stderr: \(run.stderr)")
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.map { $0["code"] as? String } == ["FILE-004"], "\(codes(object))")
        #expect((findings.first?["evidence"] as? String)?.contains("not a Word document") == true, "\(findings)")
        #expect(object["verdict"] as? String == "rejected")
        #expect(run.status == 1)
    }
}

/// `check` reads folders as the daemon reads its inbox: names as bytes, links judged, never followed.
extension CheckCommandTests {
    /// A fresh folder holding sample 000 under a GBK name (bytes `CE C2 CF D8` + `2021.txt`, not UTF-8).
    static func gbkFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-gbk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let bytes = Array(try sampleText("000").utf8)
        let name: [UInt8] = [0xCE, 0xC2, 0xCF, 0xD8] + Array("2021.txt".utf8)
        let path = (Array(folder.path.utf8) + [UInt8(ascii: "/")] + name + [0]).map { CChar(bitPattern: $0) }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        try #require(fd >= 0, "cannot create the GBK-named file: errno \(errno)")
        defer { close(fd) }
        try #require(bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count)
        return folder
    }

    @Test func aFolderWithAGBKNamedReportIsCheckedAndShowsTheNamesBytes() throws {
        let folder = try Self.gbkFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try NianbaoBinary.run(["check", "--format", "json", folder.path])
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        let array = try #require(try run.json() as? [[String: Any]], "stdout: \(run.stdout)")
        #expect(array.map { $0["file"] as? String } == [folder.path + "/\\xce\\xc2\\xcf\\xd82021.txt"])
        #expect(array.first?["verdict"] as? String == "accepted", "\(codes(array.first ?? [:]))")
        #expect(run.status == 0)
    }

    @Test func aFolderNamedTwiceThroughASymbolicLinkIsListedOnce() throws {
        let folder = try Self.gbkFolder()
        let link = folder.path + "-link"
        defer {
            try? FileManager.default.removeItem(at: folder)
            unlink(link)
        }
        #expect(symlink(folder.path, link) == 0)
        let run = try NianbaoBinary.run(["check", "--format", "json", link, folder.path])
        let array = try #require(try run.json() as? [[String: Any]], "stdout: \(run.stdout)\nstderr: \(run.stderr)")
        #expect(array.map { $0["file"] as? String } == [link + "/\\xce\\xc2\\xcf\\xd82021.txt"])
        #expect(run.status == 0)
    }

    @Test func aSymbolicLinkInAFolderOrNamedAsAFileIsRejectedUnfollowed() throws {
        let folder = try Self.gbkFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = NianbaoBinary.packageRoot.appendingPathComponent(try NianbaoBinary.fixture("000")).path
        #expect(symlink(sample, folder.path + "/link.txt") == 0)
        let listed = try NianbaoBinary.run(["check", "--format", "json", folder.path])
        let array = try #require(try listed.json() as? [[String: Any]], "stdout: \(listed.stdout)")
        let link = try #require(array.first { ($0["file"] as? String)?.hasSuffix("/link.txt") == true })
        #expect(link["verdict"] as? String == "rejected")
        #expect((link["findings"] as? [[String: Any]])?.map { $0["code"] as? String } == ["FILE-008"])
        #expect(listed.status == 1)

        let single = try NianbaoBinary.run(["check", folder.path + "/link.txt"])
        #expect(single.stdout.hasPrefix("结论：不通过（"), "\(single.stdout)")
        #expect(single.stdout.contains("FILE-008") && single.stdout.contains("请直接提交报告文件本身，不要提交快捷方式或符号链接"))
        #expect(single.status == 1)
    }

    @Test func aGBKNamedFileOperandIsReadByTheBytesTheShellPassed() throws {
        let folder = try Self.gbkFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Foundation passes arguments as UTF-8: let a shell pass the GBK bytes themselves.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", #""$0" check --format json "$1/$(printf '\316\302\317\330')2021.txt""#,
            try NianbaoBinary.locate().path, folder.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let object = try #require(
            try JSONSerialization.jsonObject(with: data) as? [String: Any],
            "stdout: \(String(decoding: data, as: UTF8.self))")
        #expect(object["file"] as? String == folder.path + "/\\xce\\xc2\\xcf\\xd82021.txt")
        #expect(object["verdict"] as? String == "accepted")
        #expect(process.terminationStatus == 0)
    }

    @Test func checkHelpSaysASymbolicLinkIsNotFollowed() throws {
        let run = try NianbaoBinary.run(["check", "--help"])
        // The help is wrapped to the terminal's width: compare words, not lines.
        let words = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("A FILE that is itself a symbolic link is not followed"), "\(run.stdout)")
        #expect(words.contains("rejected with FILE-008"))
    }
}
