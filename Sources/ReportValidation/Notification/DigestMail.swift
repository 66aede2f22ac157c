extension MailMessage {
    /// A digest or reminder as mail: the same headers as a verdict's (``MailMessage``), the Message-ID
    /// from the message's id and the channel, so the same day's message sent again is the same message.
    public init(_ message: DigestMessage, channel: String, from: String, to: [String]) {
        self.from = from
        self.to = to
        subject = message.subject
        body = message.body
        messageID = Self.messageID(message.id, channel: channel, from: from)
        date = Self.rfc5322Date(microseconds: message.madeAt)
    }

    /// `<nianbao.ID.CHANNEL@DOMAIN>`, the domain of the sender's address (`nianbao.invalid` without one).
    static func messageID(_ id: String, channel: String, from: String) -> String {
        let domain = from.split(separator: "@").last.map(String.init).flatMap { $0.contains(".") ? $0 : nil } ?? "nianbao.invalid"
        return "<nianbao.\(id).\(channel)@\(domain)>"
    }
}
