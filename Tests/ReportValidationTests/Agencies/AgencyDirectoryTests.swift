import Testing

@testable import ReportValidation

@Suite struct AgencyDirectoryTests {
    static let csv = """
        名称,别名,上级,类型,联系人,邮箱,电话,企业微信
        王村镇人民政府,王村镇；王村,某某县人民政府,乡镇/街道,张三,wang@example.cn,0391-1234567,zhangsan
        某某县人民政府办公室,县政府办,某某县人民政府,部门,李四,,,
        某某县发展和改革局,县发改局、发改局,某某县人民政府,部门,,,,
        "某某县教育和体育局","县教体局;教体局",某某县人民政府,部门,"王五, 赵六","a@b.cn",,

        某某县人民政府,,,县级以上政府,,,,
        """

    static func directory() throws -> AgencyDirectory {
        try AgencyDirectory.parse(text: csv).get()
    }

    @Test func columnsAliasesKindsAndUnknownColumnsAreRead() throws {
        let directory = try Self.directory()
        #expect(
            directory.agencies.map(\.name) == [
                "王村镇人民政府", "某某县人民政府办公室", "某某县发展和改革局", "某某县教育和体育局", "某某县人民政府",
            ])
        let town = directory.agencies[0]
        #expect(town.aliases == ["王村镇", "王村"])
        #expect(town.kind == .township && town.parent == "某某县人民政府" && town.contact == "张三")
        #expect(town.email == "wang@example.cn" && town.phone == "0391-1234567")
        #expect(town.extra == ["企业微信": "zhangsan"])
        #expect(directory.agencies[2].aliases == ["县发改局", "发改局"])
        // A quoted field keeps its comma; the blank line is skipped, so the last entry is on line 7.
        #expect(directory.agencies[3].contact == "王五, 赵六" && directory.agencies[3].aliases == ["县教体局", "教体局"])
        #expect(directory.agencies[4].kind == .government && directory.agencies[4].line == 7)
    }

    @Test func quotedFieldsMayHoldLineBreaksAndDoubledQuotes() throws {
        let text = "name,aliases,kind\n\"某某县\"\"数据\"\"中心\",\"数据中心\n大数据中心\",部门\r\n某某镇,,乡镇\n"
        let directory = try AgencyDirectory.parse(text: TextDecoding.normaliseLineEnds(text)).get()
        #expect(directory.agencies.map(\.name) == ["某某县\"数据\"中心", "某某镇"])
        #expect(directory.agencies[0].aliases == ["数据中心\n大数据中心"])
        #expect(directory.agencies[1].line == 4, "the record after a two-line field starts on line 4")
    }

    /// Broken files name the line to fix.
    @Test(
        arguments: [
            ("名称,类型\n某镇,乡镇\n\"未闭合,部门\n", 3, "双引号未闭合"),
            ("名称,类型\n某\"镇,乡镇\n", 2, "双引号"),
            ("名称,类型\n某镇,乡镇,多余\n", 2, "3个字段"),
            ("名称,类型\n某镇,村委会\n", 2, "村委会"),
            ("名称,类型\n,乡镇\n", 2, "名称为空"),
            ("名称,别名\n甲镇,乙镇\n乙镇,\n", 3, "第2行"),
            ("机关,联系人\n", 1, nil),
        ] as [(String, Int, String?)])
    func brokenFilesAreErrorsWithLineNumbers(text: String, line: Int, words: String?) {
        let text = text.replacingOccurrences(of: "机关,联系人", with: "单位全称,联系人")
        guard case .failure(let error) = AgencyDirectory.parse(text: text) else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(error.line == line, "\(error.chinese)")
        if let words { #expect(error.chinese.contains(words), "\(error.chinese)") }
        #expect(error.chinese.hasPrefix("第\(line)行："))
    }

    /// Exactly, by alias, and after normalisation: spaces, full width, the 人民政府 forms.
    @Test(arguments: [
        ("王村镇人民政府", "exact"),
        ("王村", "alias"),
        ("县发改局", "alias"),
        ("王村镇 人民政府", "normalised"),
        ("王村镇政府", "normalised"),
        ("某某县人民政府办公室", "exact"),
        ("某某县政府办", "normalised"),
        ("某某县政府办公室", "normalised"),
        ("某某县人民政府", "exact"),
        ("某某县", "normalised"),
        ("（某某县）发展和改革局", "normalised"),
    ])
    func titledAgencyIsMatched(titled: String, how: String) throws {
        let match = try Self.directory().match(titled)
        switch (match, how) {
        case (.exact, "exact"), (.alias, "alias"), (.normalised, "normalised"): break
        default: Issue.record("\(titled): \(match)")
        }
    }

    @Test func fullWidthLettersAndIdeographicSpacesAreNormalised() throws {
        let directory = try AgencyDirectory.parse(text: "名称\nABC科技园区管委会\n").get()
        #expect(directory.match("ＡＢＣ科技园区　管理委员会").agency?.name == "ABC科技园区管委会")
    }

    /// Two entries that normalise alike: neither is taken.
    @Test func normalisedFormThatFitsSeveralEntriesIsAmbiguous() throws {
        let directory = try AgencyDirectory.parse(text: "名称\n甲镇\n甲镇人民政府\n").get()
        #expect(directory.match("甲镇").agency?.name == "甲镇", "the exact name still wins")
        guard case .ambiguous(let entries) = directory.match("甲镇政府") else {
            Issue.record("甲镇政府 should fit both entries")
            return
        }
        #expect(entries.map(\.name) == ["甲镇", "甲镇人民政府"])
    }

    @Test func unknownAgencyGetsTheClosestEntries() throws {
        guard case .unknown(let closest) = try Self.directory().match("王庄镇人民政府") else {
            Issue.record("王庄镇 is not in the directory")
            return
        }
        #expect(closest.first?.name == "王村镇人民政府")
        guard case .unknown(let none) = try Self.directory().match("火星探测局") else { return }
        #expect(none.isEmpty, "nothing shares two characters in a row")
    }

    @Test func reg001NamesTheClosestEntriesAndIsSilentForAKnownAgency() throws {
        let directory = try Self.directory()
        var fixture = NarrativeFixture(unit: "王庄镇人民政府", year: 2023)
        var findings = Validator(agencies: directory).validate(fixture.document, currentYear: 2026).findings
            .filter { $0.code == "REG-001" }
        #expect(findings.count == 1)
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.message.zh == "标题中的机关“王庄镇人民政府”不在机关名录中；最接近的是：王村镇人民政府")
        #expect(findings.first?.evidence?.contains("agencies.csv") == true)
        fixture = NarrativeFixture(unit: "王村镇政府", year: 2023)
        findings = Validator(agencies: directory).validate(fixture.document, currentYear: 2026).findings
        #expect(!findings.contains { $0.code == "REG-001" })
        // Without a directory the rule does not run.
        fixture = NarrativeFixture(unit: "王庄镇人民政府", year: 2023)
        #expect(!Validator().validate(fixture.document, currentYear: 2026).findings.contains { $0.code == "REG-001" })
    }

    /// Excel's "CSV UTF-8" puts a BOM first; the header must still be found.
    @Test func utf8WithBOMIsRead() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("名称,类型\r\n王村镇人民政府,乡镇\r\n".utf8)
        let directory = try AgencyDirectory.parse(bytes, legacy: nil).get()
        #expect(directory.agencies.map(\.name) == ["王村镇人民政府"])
        #expect(directory.agencies.first?.kind == .township)
    }

    @Test func emptyOrUndecodableBytesAreErrors() {
        guard case .failure = AgencyDirectory.parse([], legacy: nil) else {
            Issue.record("empty file accepted")
            return
        }
        // GBK bytes without a legacy decoder cannot be read: the error says which encodings are expected.
        guard case .failure(let error) = AgencyDirectory.parse([0xC3, 0xFB, 0xB3, 0xC6, 0x0A], legacy: nil) else {
            Issue.record("GBK without a decoder accepted")
            return
        }
        #expect(error.chinese.contains("GBK"))
    }
}
