import Foundation
import Testing

@testable import ReportValidation

@Suite struct CatalogueRenderingTests {
    static let rules = [
        Rule(
            "T3-SUM-001", .error, summary: .zh("一 + 二 ≠ （七）总计 + 四", en: "一 + 二 ≠ (七) total + 四"),
            hint: .zh("核对数字", en: "Recheck the numbers")
        ) { _ in [] },
        Rule(
            "TEXT-006", .warning, summary: .zh("中文中夹有英文单词 | 管道", en: "Stray <Latin> word | pipe"),
            hint: .zh("删去", en: "Remove it")
        ) { _ in [] },
    ]

    @Test func textListsCodeSeverityAndBothSummaries() {
        let text = RuleCatalogueText.text(Self.rules)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "2 条规则 / 2 rules (1 error, 1 warning)")
        #expect(lines[1] == "T3-SUM-001  error    一 + 二 ≠ （七）总计 + 四")
        #expect(lines[2] == "                     一 + 二 ≠ (七) total + 四")
        #expect(lines[3].hasPrefix("TEXT-006    warning  中文中夹有英文单词"))
    }

    @Test func markdownEscapesTableCells() {
        let markdown = RuleCatalogueText.markdown(Self.rules)
        #expect(markdown.hasPrefix("# nianbao rule catalogue"))
        #expect(markdown.contains("| `T3-SUM-001` | error | 一 + 二 ≠ （七）总计 + 四 | 一 + 二 ≠ (七) total + 四 | 核对数字<br>Recheck the numbers |"))
        #expect(markdown.contains("| `TEXT-006` | warning | 中文中夹有英文单词 \\| 管道 | Stray &lt;Latin&gt; word \\| pipe |"))
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| `") }
        #expect(rows.count == 2)
    }

    @Test func jsonListsEveryRule() throws {
        let text = RuleCatalogueText.json(Self.rules)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "nianbao.rules/1")
        let rules = try #require(object["rules"] as? [[String: Any]])
        #expect(rules.map { $0["code"] as? String } == ["T3-SUM-001", "TEXT-006"])
        #expect(rules[1]["severity"] as? String == "warning")
        #expect(rules[1]["summaryEn"] as? String == "Stray <Latin> word | pipe")
        #expect(rules[0]["hintZh"] as? String == "核对数字")
    }

    @Test func severityOverrideParsesKnownCodesOnly() {
        #expect(
            SeverityOverride.parse("t3-sum-001=warning", rules: Self.rules)
                == .success(SeverityOverride(code: "T3-SUM-001", severity: .warning)))
        #expect(
            SeverityOverride.parse(" TEXT-006 = Error ", rules: Self.rules)
                == .success(SeverityOverride(code: "TEXT-006", severity: .error)))
        #expect(SeverityOverride.parse("NOPE-001=error", rules: Self.rules) == .failure(.unknownCode("NOPE-001")))
        #expect(SeverityOverride.parse("TEXT-006=fatal", rules: Self.rules) == .failure(.unknownSeverity("fatal")))
        #expect(SeverityOverride.parse("TEXT-006", rules: Self.rules) == .failure(.malformed("TEXT-006")))
        #expect(SeverityOverride.parse("=error", rules: Self.rules) == .failure(.malformed("=error")))
    }

    @Test func laterOverrideOfTheSameCodeWins() {
        let table = SeverityOverride.table([
            SeverityOverride(code: "FEE-001", severity: .warning),
            SeverityOverride(code: "TEXT-006", severity: .error),
            SeverityOverride(code: "FEE-001", severity: .error),
        ])
        #expect(table == ["FEE-001": .error, "TEXT-006": .error])
    }

    @Test func byteSizesUseBinaryUnits() {
        #expect(ByteSize(parsing: "20M")?.bytes == 20 * 1024 * 1024)
        #expect(ByteSize(parsing: "20MiB")?.bytes == 20 * 1024 * 1024)
        #expect(ByteSize(parsing: "512k")?.bytes == 512 * 1024)
        #expect(ByteSize(parsing: "1G")?.bytes == 1 << 30)
        #expect(ByteSize(parsing: "1048576")?.bytes == 1 << 20)
        for bad in ["", "0", "-1", "M", "12Q", "1.5M", "99999999999999999999G"] {
            #expect(ByteSize(parsing: bad) == nil, "\(bad) should be refused")
        }
        #expect(ByteSize.defaultLimit.description == "20 MiB")
        #expect(ByteSize(bytes: 1536).description == "1536 bytes")
        #expect(ByteSize(bytes: 3 * 1024).description == "3 KiB")
        #expect(ByteSize(bytes: 100).description == "100 bytes")
    }
}
