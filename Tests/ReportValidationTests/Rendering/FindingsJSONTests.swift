import Foundation
import Testing

@testable import ReportValidation

@Suite struct FindingsJSONTests {
    static let fileKeys = [
        "schema", "file", "verdict", "language", "encoding", "convertedBy", "formatVersion", "year", "layout", "title", "counts",
        "notes", "findings",
    ]
    static let findingKeys = [
        "code", "severity", "message", "messageZh", "messageEn", "location", "evidence", "hint", "hintZh", "hintEn", "count",
        "items", "cells",
    ]
    static let locationKeys = ["line", "section", "sectionTitle", "table", "row", "column"]

    /// Parses `text` with Foundation: proof that the hand-written JSON is valid.
    func parse(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [])
    }

    @Test func oneFileIsAnObjectWithEveryKey() throws {
        let text = FindingsJSON().render(RenderingSamples.rejected())
        let object = try #require(try parse(text) as? [String: Any])
        #expect(Set(object.keys) == Set(Self.fileKeys))
        #expect(object["schema"] as? String == "nianbao.findings/2")
        #expect(object["file"] as? String == "reports/001.txt")
        #expect(object["verdict"] as? String == "rejected")
        #expect(object["encoding"] as? String == "GB18030")
        #expect(object["formatVersion"] as? String == "2021")
        #expect(object["year"] as? Int == 2023)
        #expect(object["layout"] as? String == "tab-rows")
        #expect(object["title"] as? String == "某某镇人民政府2023年政府信息公开工作报告")
        let counts = try #require(object["counts"] as? [String: Any])
        #expect(counts["errors"] as? Int == 2)
        #expect(counts["warnings"] as? Int == 2)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.map { $0["severity"] as? String } == ["error", "error", "warning", "warning"])
        for finding in findings {
            #expect(Set(finding.keys) == Set(Self.findingKeys))
            let location = try #require(finding["location"] as? [String: Any])
            #expect(Set(location.keys) == Set(Self.locationKeys))
        }
    }

    @Test func findingCarriesBothLanguagesAndTheChosenOne() throws {
        let english = try #require(
            try parse(FindingsJSON(language: .en).render(RenderingSamples.rejected())) as? [String: Any])
        let finding = try #require((english["findings"] as? [[String: Any]])?.first)
        #expect(finding["code"] as? String == "T3-SUM-001")
        #expect(finding["message"] as? String == "Table 三 (七) total does not match its parts")
        #expect(finding["messageZh"] as? String == "表三“（七）总计”与各项之和不符")
        #expect(finding["messageEn"] as? String == "Table 三 (七) total does not match its parts")
        #expect(finding["hint"] as? String == "Recheck the column so that 一+二 = (七)总计+四")
        #expect(finding["hintZh"] as? String == "核对该列各行数字，使一+二 = （七）总计+四")
        let location = try #require(finding["location"] as? [String: Any])
        #expect(location["line"] as? Int == 45)
        #expect(location["section"] as? Int == 3)
        #expect(location["sectionTitle"] as? String == "三、收到和处理政府信息公开申请情况")
        #expect(location["table"] as? String == "三")
        #expect(location["row"] as? String == "（七）总计")
        #expect(location["column"] as? String == "自然人")
        let chinese = try #require(try parse(FindingsJSON().render(RenderingSamples.rejected())) as? [String: Any])
        let first = try #require((chinese["findings"] as? [[String: Any]])?.first)
        #expect(first["message"] as? String == "表三“（七）总计”与各项之和不符")
    }

    @Test func absentValuesAreNull() throws {
        let object = try #require(try parse(FindingsJSON().render(RenderingSamples.unreadable())) as? [String: Any])
        for key in ["encoding", "formatVersion", "year", "title"] {
            #expect(object[key] is NSNull, "\(key) should be null")
        }
        #expect(object["verdict"] as? String == "accepted")
        #expect((object["findings"] as? [Any])?.isEmpty == true)
        let missing = try #require(
            try parse(FindingsJSON().render(RenderingSamples.accepted(findings: [RenderingSamples.documentWarning])))
                as? [String: Any])
        let finding = try #require((missing["findings"] as? [[String: Any]])?.first)
        #expect(finding["evidence"] is NSNull)
        let location = try #require(finding["location"] as? [String: Any])
        for key in Self.locationKeys {
            #expect(location[key] is NSNull, "location.\(key) should be null")
        }
    }

    @Test func severalFilesAreAnArrayInTheGivenOrder() throws {
        let text = FindingsJSON().render([RenderingSamples.rejected(path: "b.txt"), RenderingSamples.accepted(path: "a.txt")])
        let array = try #require(try parse(text) as? [[String: Any]])
        #expect(array.map { $0["file"] as? String } == ["b.txt", "a.txt"])
        #expect(array.map { $0["verdict"] as? String } == ["rejected", "accepted"])
        #expect(try parse(FindingsJSON().render([CheckedFile]())) as? [Any] != nil)
        #expect(FindingsJSON().render([CheckedFile]()) == "[]\n")
    }

    @Test func quotesBackslashesAndControlCharactersRoundTrip() throws {
        let file = RenderingSamples.accepted(path: "dir \"q\"\\x\n.txt", findings: [RenderingSamples.awkward])
        let text = FindingsJSON().render(file)
        let object = try #require(try parse(text) as? [String: Any])
        #expect(object["file"] as? String == "dir \"q\"\\x\n.txt")
        let finding = try #require((object["findings"] as? [[String: Any]])?.first)
        let awkward = RenderingSamples.awkward
        #expect(finding["messageZh"] as? String == awkward.message.zh)
        #expect(finding["messageEn"] as? String == awkward.message.en)
        #expect(finding["evidence"] as? String == awkward.evidence)
        #expect(finding["hintEn"] as? String == awkward.hint.en)
        let location = try #require(finding["location"] as? [String: Any])
        #expect(location["row"] as? String == "a\\b")
        #expect(location["column"] as? String == "c\u{01}d")
        // No raw control character may appear in the document; line breaks are only the pretty-printer's.
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func escapesAreTheShortFormsWhereJSONHasThem() {
        var out = ""
        JSONValue.writeString("\"\\\n\r\t\u{08}\u{0C}\u{01}\u{1F}\u{7F}\u{2028}/中文é", to: &out)
        #expect(out == #""\"\\\n\r\t\b\f\u0001\u001f\u007f\u2028/中文é""#)
    }

    @Test func prettyPrintingIsStableAndOrdered() {
        let value = JSONValue.object([
            JSONMember("b", .int(1)),
            JSONMember("a", .array([.null, .bool(true), .object([])])),
            JSONMember("c", .array([])),
        ])
        #expect(
            value.rendered == """
                {
                  "b": 1,
                  "a": [
                    null,
                    true,
                    {}
                  ],
                  "c": []
                }

                """)
        let first = FindingsJSON().render(RenderingSamples.rejected())
        #expect(first == FindingsJSON().render(RenderingSamples.rejected()))
        let keys = Self.fileKeys.map { "\n  \"\($0)\": " }
        let positions = keys.compactMap { first.range(of: $0)?.lowerBound }
        #expect(positions.count == keys.count)
        #expect(positions == positions.sorted())
    }
}
