/// A notification as an Internet mail message (RFC 5322 + MIME), the bytes handed to `sendmail`.
///
/// `Auto-Submitted: auto-generated` (RFC 3834) keeps vacation replies away; the `Message-ID` comes
/// from the notification's id and the channel, so a message resent after a crash is the same message
/// (and deduplicated by mail stores that key on it); non-ASCII headers are RFC 2047 `B` words; the
/// UTF-8 body travels in base64, safe through any MTA.
public struct MailMessage: Sendable, Hashable {
    public var from: String
    public var to: [String]
    public var subject: String
    public var body: String
    public var messageID: String
    /// The `Date:` value (RFC 5322, UTC).
    public var date: String

    public init(_ notification: Notification, channel: String, from: String, to: [String], language: Language) {
        let text = NotificationText(language: language)
        self.from = from
        self.to = to
        subject = text.subject(notification)
        body = text.body(notification)
        messageID = Self.messageID(notification.id, channel: channel, from: from)
        date = Self.rfc5322Date(microseconds: notification.filedAt)
    }

    /// The whole message, CRLF line ends, body in base64 lines of 76 characters.
    public var bytes: [UInt8] {
        var headers: [String] = []
        if !from.isEmpty { headers.append("From: " + from) }
        headers.append("To: " + to.joined(separator: ", "))
        headers.append("Subject: " + Self.encodedWords(subject))
        headers.append("Date: " + date)
        headers.append("Message-ID: " + messageID)
        headers.append("Auto-Submitted: auto-generated")
        headers.append("X-Auto-Response-Suppress: All")
        headers.append("MIME-Version: 1.0")
        headers.append("Content-Type: text/plain; charset=utf-8")
        headers.append("Content-Transfer-Encoding: base64")
        let encoded = Self.base64(Array(body.utf8))
        var lines: [Substring] = []
        var rest = Substring(encoded)
        while !rest.isEmpty {
            lines.append(rest.prefix(76))
            rest = rest.dropFirst(76)
        }
        return Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// `text` as is when it is printable ASCII, else RFC 2047 `=?UTF-8?B?…?=` words, each at most
    /// 75 characters and cut between characters, folded onto continuation lines.
    public static func encodedWords(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }) { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {  // 45 bytes → 60 base64 characters + 12 of framing
                words.append("=?UTF-8?B?" + base64(chunk) + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + base64(chunk) + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// Standard Base64 with padding (RFC 4648 §4).
    public static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let count = min(3, bytes.count - index)
            let b0 = Int(bytes[index])
            let b1 = count > 1 ? Int(bytes[index + 1]) : 0
            let b2 = count > 2 ? Int(bytes[index + 2]) : 0
            out.append(alphabet[b0 >> 2])
            out.append(alphabet[(b0 & 0x03) << 4 | b1 >> 4])
            out.append(count > 1 ? alphabet[(b1 & 0x0f) << 2 | b2 >> 6] : UInt8(ascii: "="))
            out.append(count > 2 ? alphabet[b2 & 0x3f] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `Wed, 02 Dec 2026 22:14:00 +0000` for a time in microseconds since the epoch.
    public static func rfc5322Date(microseconds: Int64) -> String {
        let seconds = microseconds >= 0 ? microseconds / 1_000_000 : (microseconds - 999_999) / 1_000_000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = seconds - days * 86_400
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][Int(((days % 7) + 7) % 7)]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return
            "\(weekday), \(two(day)) \(months[Int(month) - 1]) \(year) \(two(inDay / 3600)):\(two(inDay / 60 % 60)):\(two(inDay % 60)) +0000"
    }
}
