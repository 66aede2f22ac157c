/// A message `nianbao digest` sends that is not about one verdict: the office's daily digest, or a
/// deadline reminder to one agency. Every channel renders it: mail from ``subject`` and ``body``, the
/// chat robots from ``chatTitle`` and ``chatLines``, the webhook and the command hook from ``document``.
public struct DigestMessage: Sendable, Hashable {
    public enum Event: String, Sendable, Hashable {
        case digest
        case reminder
    }

    /// Stable for the same message on the same day (mail's `Message-ID` is made from it), ASCII only.
    public var id: String
    public var event: Event
    public var language: Language
    public var subject: String
    /// The plain text mail sends.
    public var body: String
    /// The robots' one-line title.
    public var chatTitle: String
    /// The robots' markdown, one line each, names already made inert (``ChatMarkdown/plain(_:)``);
    /// cut at the vendor's size limit with a count of what is left out.
    public var chatLines: [String]
    /// The mail recipients routing chose (an agency's contact address for a reminder; empty for the
    /// digest, whose recipients are each channel's reviewers).
    public var recipients: [String]
    /// When it was made, microseconds since the epoch: the mail's `Date:`.
    public var madeAt: Int64
    /// Fields the webhook document carries besides the common ones.
    var fields: [JSONMember]

    /// The chat markdown within `limit` bytes: a heading, then as many lines as fit, then
    /// `另有 N 条未列出。` for the rest.
    package func chatText(limit: Int, heading: Bool) -> String {
        var out = heading ? "### \(ChatMarkdown.plain(chatTitle))\n" : ""
        for (index, line) in chatLines.enumerated() {
            let left = chatLines.count - index - 1
            guard out.utf8.count + line.utf8.count + 1 + (left > 0 ? 80 : 0) <= limit else {
                let rest = chatLines.count - index
                out +=
                    language == .zh
                    ? "\n另有 \(rest) 行未列出，详见邮件或 nianbao status。" : "\n\(rest) more lines not shown: see the mail or nianbao status."
                return out
            }
            out += "\n" + line
        }
        return out
    }

    /// The webhook's body and the command hook's input: `{"schema":"nianbao.digest","version":1,…}`.
    public var document: [UInt8] {
        RobotPayload.compact(
            .object(
                [
                    JSONMember("schema", .string("nianbao.digest")),
                    JSONMember("version", .int(1)),
                    JSONMember("id", .string(id)),
                    JSONMember("event", .string(event.rawValue)),
                    JSONMember("language", .string(language.rawValue)),
                    JSONMember("subject", .string(subject)),
                ] + fields + [JSONMember("text", .string(body))]))
    }

    /// FNV-1a (64-bit) of `text` in 16 hex digits: an ASCII token for a name in an id (not a secret, not a checksum).
    static func token(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = Array("0123456789abcdef")
        return String((0..<16).map { hex[Int((hash >> (60 - 4 * UInt64($0))) & 0xF)] })
    }
}
