/// Text from a report made safe for an HTML page, and the page's one style sheet.
enum PageMarkup {
    /// `text` with `& < > " '` as character references and control characters replaced (as on a
    /// terminal): safe inside an element and inside a double-quoted attribute.
    static func escape(_ text: String) -> String {
        let safe = TerminalText.safe(text)
        guard safe.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return safe
        }
        var out = ""
        out.reserveCapacity(safe.utf8.count + 16)
        for character in safe {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// `text` escaped, its line breaks kept as `<br>`.
    static func lines(_ text: String) -> String {
        escape(text).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "<br>")
    }

    /// `bytes` as one percent-encoded URL path segment: RFC 3986 unreserved ASCII kept, every other
    /// byte (`/`, `%`, `#`, `?`, space, quotes, markup, UTF-8 or GBK) as `%XX`. Safe in an attribute too.
    static func percentEncoded(_ bytes: [UInt8]) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Screen and A4 print styles: black on white, the verdict in colour, broken cells outlined in red.
    static let style = """
        @page{size:A4;margin:14mm 12mm}
        *{box-sizing:border-box}
        body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",SimSun,sans-serif;
        color:#1a1a1a;background:#fff;margin:0 auto;max-width:200mm;padding:8mm 6mm;font-size:10.5pt;line-height:1.5}
        h1{font-size:15pt;margin:.2em 0 .4em}
        h2{font-size:12.5pt;border-bottom:1.5px solid #333;padding-bottom:2px;margin:1.2em 0 .5em}
        h3{font-size:11pt;margin:1em 0 .4em}
        .app{color:#666;font-size:9pt;margin:0}
        .verdict{font-size:13pt;padding:.35em .7em;border:2px solid;border-radius:4px;display:inline-block;margin:.2em 0}
        .verdict.accepted{color:#14632d;border-color:#1f8a3f;background:#eef8f0}
        .verdict.rejected{color:#8f1111;border-color:#c62828;background:#fdeeee}
        .verdict .label{color:#555;font-size:10pt;margin-right:.4em}
        .verdict .counts{font-size:10pt;margin-left:.6em}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:0 1em;margin:.6em 0;font-size:9.5pt}
        dl.facts dt{color:#555}dl.facts dd{margin:0;word-break:break-all}
        code{font-family:"DejaVu Sans Mono",monospace;font-size:9pt;background:#f1f1f1;padding:0 .25em;border-radius:2px}
        .fixes ol{padding-left:1.6em}.fixes li{margin:.2em 0}
        ol.list{padding-left:1.6em}
        li.finding{margin:.5em 0;padding:.3em .6em;border-left:4px solid #999;break-inside:avoid}
        li.finding.error{border-left-color:#c62828}li.finding.warning{border-left-color:#e0a100}
        li.finding .message{margin:0;font-weight:600}
        li.finding dl{display:grid;grid-template-columns:max-content 1fr;gap:0 .8em;margin:.2em 0 0;font-size:9.5pt}
        li.finding dt{color:#555}li.finding dd{margin:0;word-break:break-word}
        ul.cells{margin:0;padding-left:1.1em}
        table{border-collapse:collapse;width:100%;margin:.3em 0 .8em;font-size:9pt;break-inside:auto}
        thead{display:table-header-group}tr{break-inside:avoid}
        th,td{border:1px solid #555;padding:2px 4px;vertical-align:middle}
        th{background:#f0f0f0;font-weight:600;text-align:center}
        th.row{text-align:left;font-weight:normal;background:#fafafa}
        th.caption{text-align:left;background:#e4e4e4}
        tr.group th{text-align:left;background:#e9e9e9}
        td{text-align:right;font-variant-numeric:tabular-nums;min-width:2.6em}
        td.blank,td.placeholder,td.missing{color:#777;font-style:italic;text-align:center;background:#f7f7f7}
        td.text{text-align:center;color:#555}
        td.unread{color:#6a4a00;text-align:center;background:repeating-linear-gradient(45deg,#fff4d6 0 4px,#fff 4px 8px)}
        td.broken{outline:2.5px solid #c62828;outline-offset:-2px;background:#fff0f0;color:#8f1111;font-weight:700}
        td.broken .value{display:block}
        td.broken .rule,td.broken .expected{display:block;font-size:6.5pt;font-weight:normal;line-height:1.15}
        td.broken .expected{color:#1a1a1a}
        table.t3,table.t4{table-layout:fixed}table.t3 col{width:10%}table.t3 col.label{width:30%}
        table.t3 thead th:first-child{font-weight:normal;font-size:8pt}
        table.t4{font-size:8pt}table.t4 td,table.t4 th{padding:2px 2px}
        table.t2 th.row{width:34%}
        .legend{font-size:8.5pt;color:#444}
        .legend .key{display:inline-block;width:1.1em;height:.9em;border:1px solid #555;vertical-align:middle;margin:0 .25em 0 .8em}
        .legend .key.broken{outline:2px solid #c62828;outline-offset:-2px;background:#fff0f0}
        .legend .key.blank,.legend .key.placeholder{background:#f7f7f7}
        .legend .key.unread{background:repeating-linear-gradient(45deg,#fff4d6 0 3px,#fff 3px 6px)}
        .absent{color:#8f1111}
        footer{margin-top:1.5em;padding-top:.4em;border-top:1px solid #ccc;color:#666;font-size:8.5pt}
        @media print{body{padding:0;max-width:none}.verdict,td.broken,td.unread,th,.legend .key{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        h2,h3{break-after:avoid}section.tables{break-before:page}}
        """
}
