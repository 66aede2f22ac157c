/// A JSON value with object keys kept in the order they were given, so documents are byte-for-byte stable.
///
/// Hand-written rather than `JSONEncoder` because the pure module has no Foundation, and because the
/// findings schema promises a fixed key order and `null` for every absent value.
indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// `value` as a string, or `null` when absent.
    static func string(_ value: String?) -> JSONValue {
        value.map { .string($0) } ?? .null
    }

    /// `value` as a number, or `null` when absent.
    static func int(_ value: Int?) -> JSONValue {
        value.map { .int($0) } ?? .null
    }

    /// The value pretty-printed with two-space indents and a final newline.
    var rendered: String {
        var out = ""
        write(to: &out, indent: 0)
        out.append("\n")
        return out
    }

    /// Appends the value at nesting depth `indent` (the first line is not indented: the caller placed it).
    func write(to out: inout String, indent: Int) {
        switch self {
        case .null:
            out.append("null")
        case .bool(let value):
            out.append(value ? "true" : "false")
        case .int(let value):
            out.append(String(value))
        case .string(let value):
            JSONValue.writeString(value, to: &out)
        case .array(let items):
            guard !items.isEmpty else {
                out.append("[]")
                return
            }
            out.append("[\n")
            for (index, item) in items.enumerated() {
                out.append(JSONValue.padding(indent + 1))
                item.write(to: &out, indent: indent + 1)
                out.append(index == items.count - 1 ? "\n" : ",\n")
            }
            out.append(JSONValue.padding(indent) + "]")
        case .object(let members):
            guard !members.isEmpty else {
                out.append("{}")
                return
            }
            out.append("{\n")
            for (index, member) in members.enumerated() {
                out.append(JSONValue.padding(indent + 1))
                JSONValue.writeString(member.key, to: &out)
                out.append(": ")
                member.value.write(to: &out, indent: indent + 1)
                out.append(index == members.count - 1 ? "\n" : ",\n")
            }
            out.append(JSONValue.padding(indent) + "}")
        }
    }

    static func padding(_ depth: Int) -> String {
        depth < paddings.count ? paddings[depth] : String(repeating: "  ", count: depth)
    }

    /// The indents of the depths documents reach, made once (an export writes millions of lines).
    private static let paddings = (0..<16).map { String(repeating: "  ", count: $0) }

    /// Writes `text` as a JSON string literal (RFC 8259): quotes, backslash and every control character
    /// escaped; all other characters, Chinese included, kept as UTF-8.
    static func writeString(_ text: String, to out: inout String) {
        out.append("\"")
        // Most text needs no escape: appended whole. 0xE2 leads U+2028 and U+2029 (and other characters).
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }) else {
            out.append(text)
            out.append("\"")
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            default:
                // C0 controls must be escaped; DEL and the JavaScript line separators are escaped too so the
                // document survives being pasted into a script or a terminal.
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out.append(unicodeEscape(scalar.value))
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }

    /// `\uXXXX` with four lowercase hex digits.
    static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

/// One `"key": value` pair of a JSON object.
struct JSONMember: Sendable, Hashable {
    var key: String
    var value: JSONValue

    init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}
