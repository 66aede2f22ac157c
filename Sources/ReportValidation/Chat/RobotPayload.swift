/// The request bodies the chat robots and the generic webhook receive for a batch of verdicts, as each
/// vendor documents them, in compact UTF-8 JSON.
///
/// Signatures are computed by the caller (the pure module has no cryptography) and passed in: 钉钉 carries
/// its signature in the URL, 飞书 in the body, the webhook in a header over exactly these bytes.
package enum RobotPayload {
    /// The generic webhook's (and the command hook's) document version; bumped only on incompatible change.
    package static let webhookVersion = 1

    /// 企业微信 group robot: a `markdown` message.
    package static func weCom(_ notices: [Notification]) -> [UInt8] {
        weCom(content: ChatMarkdown(dialect: .weCom).text(notices))
    }

    /// 企业微信's `markdown` envelope around `content`.
    package static func weCom(content: String) -> [UInt8] {
        compact(
            .object([
                JSONMember("msgtype", .string("markdown")),
                JSONMember("markdown", .object([JSONMember("content", .string(content))])),
            ]))
    }

    /// 钉钉 robot: a `markdown` message, its title shown in the notification banner.
    package static func dingTalk(_ notices: [Notification]) -> [UInt8] {
        let markdown = ChatMarkdown(dialect: .dingTalk)
        return dingTalk(title: markdown.title(notices), text: markdown.text(notices))
    }

    /// 钉钉's `markdown` envelope.
    package static func dingTalk(title: String, text: String) -> [UInt8] {
        compact(
            .object([
                JSONMember("msgtype", .string("markdown")),
                JSONMember(
                    "markdown",
                    .object([
                        JSONMember("title", .string(title)),
                        JSONMember("text", .string(text)),
                    ])),
            ]))
    }

    /// 飞书 robot: an `interactive` card, red when something was rejected, with the signature when the
    /// robot has 签名校验 on (`timestamp` in seconds, as a string, and `sign`).
    package static func feishu(_ notices: [Notification], timestampSeconds: Int64?, sign: String?) -> [UInt8] {
        let markdown = ChatMarkdown(dialect: .feishu)
        return feishu(
            title: markdown.title(notices), text: markdown.text(notices),
            template: notices.contains { $0.verdict == .rejected } ? "red" : "green", timestampSeconds: timestampSeconds, sign: sign)
    }

    /// 飞书's `interactive` card envelope: `title` in a header coloured `template`, `text` as its markdown.
    package static func feishu(title: String, text: String, template: String, timestampSeconds: Int64?, sign: String?) -> [UInt8] {
        var members: [JSONMember] = []
        if let timestampSeconds, let sign {
            members.append(JSONMember("timestamp", .string(String(timestampSeconds))))
            members.append(JSONMember("sign", .string(sign)))
        }
        members.append(JSONMember("msg_type", .string("interactive")))
        members.append(
            JSONMember(
                "card",
                .object([
                    JSONMember("config", .object([JSONMember("wide_screen_mode", .bool(true))])),
                    JSONMember(
                        "header",
                        .object([
                            JSONMember(
                                "title",
                                .object([
                                    JSONMember("tag", .string("plain_text")), JSONMember("content", .string(title)),
                                ])),
                            JSONMember("template", .string(template)),
                        ])),
                    JSONMember(
                        "elements",
                        .array([
                            .object([JSONMember("tag", .string("markdown")), JSONMember("content", .string(text))])
                        ])),
                ])))
        return compact(.object(members))
    }

    /// The generic webhook's body and the command hook's standard input (docs/notifications.md):
    /// `{"schema":"nianbao.notification","version":1,"notifications":[…]}`, every notice in full.
    package static func webhook(_ notices: [Notification]) -> [UInt8] {
        compact(
            .object([
                JSONMember("schema", .string("nianbao.notification")),
                JSONMember("version", .int(webhookVersion)),
                JSONMember("notifications", .array(notices.map(value))),
            ]))
    }

    /// One notification as the webhook document's element (docs/notifications.md lists the fields).
    static func value(_ notice: Notification) -> JSONValue {
        .object([
            JSONMember("id", .string(notice.id)),
            JSONMember("event", .string("verdict")),
            JSONMember("verdict", .string(notice.verdict.rawValue)),
            JSONMember("agency", .string(notice.agency)),
            JSONMember("agencyTitled", .string(notice.agencyTitled)),
            JSONMember("agencyMatched", .string(notice.agencyMatched)),
            JSONMember("year", .int(notice.year)),
            JSONMember("version", .int(notice.version)),
            JSONMember("reportName", .string(notice.reportName)),
            JSONMember("originalName", .string(notice.originalName)),
            JSONMember("notePath", .string(notice.notePath)),
            JSONMember("filedAt", .int(Int(notice.filedAt))),
            JSONMember("language", .string(notice.language.rawValue)),
            JSONMember("errors", .int(notice.errorCount)),
            JSONMember("warnings", .int(notice.warningCount)),
            JSONMember(
                "findings",
                .array(
                    notice.findings.map { finding in
                        .object([
                            JSONMember("code", .string(finding.code.rawValue)),
                            JSONMember("severity", .string(finding.severity.rawValue)),
                            JSONMember("message", .string(finding.message.text(in: notice.language))),
                            JSONMember("location", .string(finding.location?.text(in: notice.language))),
                        ])
                    })),
            JSONMember("note", .string(notice.note)),
        ])
    }

    static func compact(_ value: JSONValue) -> [UInt8] {
        var out = ""
        value.writeCompact(to: &out)
        return Array(out.utf8)
    }
}

extension JSONValue {
    /// The value on one line without spaces: what HTTP bodies carry (and what a signature covers).
    func writeCompact(to out: inout String) {
        switch self {
        case .null, .bool, .int, .string:
            write(to: &out, indent: 0)
        case .array(let items):
            out.append("[")
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(",") }
                item.writeCompact(to: &out)
            }
            out.append("]")
        case .object(let members):
            out.append("{")
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(",") }
                JSONValue.writeString(member.key, to: &out)
                out.append(":")
                member.value.writeCompact(to: &out)
            }
            out.append("}")
        }
    }
}
