import Foundation
import Testing

@testable import ReportValidation

/// What the chat robots and the webhook receive: the markdown, its escaping and size, and each vendor's JSON.
@Suite struct ChatMessageTests {
    static func finding(_ code: RuleCode, _ zh: String, _ severity: Severity = .error) -> Finding {
        Finding(
            code: code, severity: severity, message: LocalizedText(zh: zh, en: zh), location: .document, evidence: nil,
            hint: LocalizedText(zh: "", en: ""))
    }

    static func notice(_ index: Int = 1, verdict: Verdict = .rejected, agency: String = "温县人民政府办公室", file: String? = nil)
        -> ReportValidation.Notification
    {
        ReportValidation.Notification(
            id: "nb-\(index)", verdict: verdict, agencyTitled: agency, agencyMatched: agency, year: 2021,
            reportName: file ?? "温县2021年报-\(index).docx", notePath: "\(verdict.rawValue)/温县2021年报-\(index).docx.findings.txt",
            note: "结论：…\n",
            findings: verdict == .rejected
                ? [
                    finding("FEE-001", "未说明信息处理费的收取情况"),
                    finding("T3-SUM-001", "表三 自然人 一+二 与 总计 不符"),
                    finding("STRUCT-003", "缺少第四部分"),
                    finding("T1-001", "表一 空格"),
                    finding("TEXT-006", "中文中夹有英文单词", .warning),
                ] : [finding("TEXT-006", "中文中夹有英文单词", .warning)],
            language: .zh, filedAt: 1_764_667_800_000_000)
    }

    @Test("one rejection reads: verdict and agency, file, counts, the first three findings, the note")
    func singleRejection() {
        let text = ChatMarkdown(dialect: .dingTalk).text([Self.notice()])
        #expect(
            text == """
                ### 年报退回：温县人民政府办公室 2021 年

                结论：**退回**
                文件：温县2021年报-1.docx
                错误 4 个，警告 1 个
                - FEE-001 未说明信息处理费的收取情况
                - T3-SUM-001 表三 自然人 一+二 与 总计 不符
                - STRUCT-003 缺少第四部分
                - 另有 2 条，见核查意见
                核查意见：rejected/温县2021年报-1.docx.findings.txt

                """)
    }

    @Test(
        "the verdict is coloured in each vendor's own markup",
        arguments: [
            (ChatMarkdown.Dialect.weCom, "<font color=\"warning\">退回</font>"), (.feishu, "<font color='red'>退回</font>"),
            (.dingTalk, "**退回**"),
        ])
    func colour(dialect: ChatMarkdown.Dialect, markup: String) {
        #expect(ChatMarkdown(dialect: dialect).text([Self.notice()]).contains(markup))
    }

    @Test(
        "what the vendors' markdown would act on is shown, not interpreted",
        arguments: [
            ("*加粗*_斜_", "＊加粗＊＿斜＿"), ("[点我](http://x)", "［点我］(http://x)"), ("<at id=all></at>", "＜at id=all＞＜/at＞"),
            ("`代码`", "｀代码｀"), ("# 标题", "＃ 标题"), ("两行\n> 引用", "两行 ＞ 引用"), ("a\u{202E}b\u{0}c", "a b c"),
        ])
    func markdownIsInert(raw: String, shown: String) {
        #expect(ChatMarkdown.plain(raw) == shown)
        let text = ChatMarkdown(dialect: .weCom).text([Self.notice(file: raw)])
        #expect(text.contains("文件：" + shown))
    }

    @Test(
        "a burst is one message within the vendor's size limit, rejections first, the rest counted",
        arguments: ChatMarkdown.Dialect.allCases)
    func burstFitsOneMessage(dialect: ChatMarkdown.Dialect) {
        let notices = (1...2000).map { Self.notice($0, verdict: $0.isMultiple(of: 4) ? .rejected : .accepted) }
        let markdown = ChatMarkdown(dialect: dialect)
        let text = markdown.text(notices)
        #expect(text.utf8.count <= dialect.byteLimit)
        #expect(markdown.title(notices) == "年报核查结果 2000 份：退回 500 份，通过 1500 份")
        let listed = text.components(separatedBy: "文件：").count - 1
        #expect(listed > 0 && listed < 2000)
        #expect(text.hasSuffix("另有 \(2000 - listed) 份未列出，详见各自的核查意见。"))
        // Rejections need action: they come first.
        #expect(text.components(separatedBy: "文件：")[1].contains("-4.docx"))
    }

    @Test("each vendor's body is the JSON its API documents", arguments: ["wecom", "dingtalk", "feishu"])
    func vendorBodies(kind: String) throws {
        let notices = [Self.notice()]
        let body =
            switch kind {
            case "wecom": RobotPayload.weCom(notices)
            case "dingtalk": RobotPayload.dingTalk(notices)
            default: RobotPayload.feishu(notices, timestampSeconds: 1_599_360_473, sign: "abc=")
            }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        switch kind {
        case "wecom":
            #expect(object["msgtype"] as? String == "markdown")
            #expect((object["markdown"] as? [String: Any])?["content"] as? String == ChatMarkdown(dialect: .weCom).text(notices))
        case "dingtalk":
            let markdown = object["markdown"] as? [String: Any]
            #expect(markdown?["title"] as? String == "年报退回：温县人民政府办公室 2021 年")
            #expect(markdown?["text"] as? String == ChatMarkdown(dialect: .dingTalk).text(notices))
        default:
            #expect(object["timestamp"] as? String == "1599360473")
            #expect(object["sign"] as? String == "abc=")
            #expect(object["msg_type"] as? String == "interactive")
            let header = (object["card"] as? [String: Any])?["header"] as? [String: Any]
            #expect(header?["template"] as? String == "red")
        }
        #expect(!body.contains(UInt8(ascii: "\n")), "compact: one line")
    }

    @Test("the webhook document is versioned and carries every notice in full")
    func webhookDocument() throws {
        let body = RobotPayload.webhook([Self.notice(), Self.notice(2, verdict: .accepted)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        #expect(Array(object.keys).sorted() == ["notifications", "schema", "version"])
        #expect(object["schema"] as? String == "nianbao.notification")
        #expect(object["version"] as? Int == 1)
        let first = try #require((object["notifications"] as? [[String: Any]])?.first)
        #expect(
            Set(first.keys) == [
                "id", "event", "verdict", "agency", "agencyTitled", "agencyMatched", "year", "version", "reportName", "originalName",
                "notePath", "filedAt", "language", "errors", "warnings", "findings", "note",
            ])
        #expect((first["findings"] as? [[String: Any]])?.count == 5)
        #expect(first["filedAt"] as? Int == 1_764_667_800_000_000)
        #expect(
            String(decoding: body, as: UTF8.self).hasPrefix(#"{"schema":"nianbao.notification","version":1,"notifications":[{"id":"nb-1","#)
        )
    }
}
