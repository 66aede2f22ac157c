import Glibc
import Logging

/// A swift-log handler writing one plain line per event to standard error: `info: message key=value …`.
///
/// No timestamp or label: journald adds both. When standard error is a journal stream
/// (`$JOURNAL_STREAM` names it), the level becomes a `<N>` syslog prefix instead, so journald
/// records the right priority (`journalctl -p err` works).
package struct LineLogHandler: LogHandler {
    package var logLevel: Logger.Level
    package var metadata: Logger.Metadata = [:]
    package var metadataProvider: Logger.MetadataProvider?
    /// Whether lines start with a `<N>` syslog priority (journald) rather than `level: `.
    let syslogPrefix: Bool
    /// Where lines go; standard error unless a test passes a pipe.
    let fileDescriptor: CInt

    /// - Parameters:
    ///   - level: the least severe level written.
    ///   - syslogPrefix: `<N>` prefixes for journald; by default, whether standard error is the journal.
    ///   - fileDescriptor: where to write, standard error by default.
    package init(
        level: Logger.Level = .info, syslogPrefix: Bool = LineLogHandler.standardErrorIsJournal,
        fileDescriptor: CInt = STDERR_FILENO, metadataProvider: Logger.MetadataProvider? = nil
    ) {
        self.logLevel = level
        self.syslogPrefix = syslogPrefix
        self.fileDescriptor = fileDescriptor
        self.metadataProvider = metadataProvider
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var merged = Logger.Metadata.merged(handler: metadata, provider: metadataProvider, event: event.metadata)
        if let error = event.error { merged["error"] = "\(error)" }
        let line = Self.format(
            level: event.level, message: "\(event.message)", metadata: merged, syslogPrefix: syslogPrefix)
        Self.writeAll(line + "\n", to: fileDescriptor)
    }

    /// `info: message a=1 b="two words"`, or `<6>message a=1 …` with a syslog prefix; always one line.
    ///
    /// Journal-only metadata is left out: `message_id` (a 128-bit ID for `journalctl -x`, see
    /// ``NianbaoMessageID``), and `error` when the message already says it word for word.
    package static func format(
        level: Logger.Level, message: String, metadata: Logger.Metadata, syslogPrefix: Bool
    ) -> String {
        var line = syslogPrefix ? "<\(priority(level))>" : "\(level): "
        line += oneLine(message)
        for key in metadata.keys.sorted() where !isJournalOnly(key: key, value: "\(metadata[key]!)", message: message) {
            line += " \(key)=\(quotedIfNeeded(oneLine("\(metadata[key]!)")))"
        }
        return line
    }

    /// Whether metadata `key` with `value` is left out of a plain line whose message is `message`.
    static func isJournalOnly(key: String, value: String, message: String) -> Bool {
        key == JournalLogHandler.messageIDKey || (key == "error" && !value.isEmpty && message.contains(value))
    }

    /// The syslog priority journald files the line under (`<3>` error … `<7>` debug).
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// Newlines and tabs as `\n` and `\t`, so one event is one journal line.
    static func oneLine(_ text: String) -> String {
        guard text.contains(where: { $0.isNewline || $0 == "\t" }) else { return text }
        var result = ""
        for character in text {
            switch character {
            case "\n", "\r\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result.append(character)
            }
        }
        return result
    }

    /// `value`, or `"value"` with `"` and `\` escaped when it is empty or has a space, `"` or `=`.
    static func quotedIfNeeded(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) else { return value }
        var escaped = "\""
        for character in value {
            if character == "\"" || character == "\\" { escaped += "\\" }
            escaped.append(character)
        }
        return escaped + "\""
    }

    /// Whether standard error is connected to journald: `$JOURNAL_STREAM` is its `device:inode`.
    package static var standardErrorIsJournal: Bool {
        guard let value = getenv("JOURNAL_STREAM") else { return false }
        let parts = String(cString: value).split(separator: ":")
        var status = stat()
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]),
            fstat(STDERR_FILENO, &status) == 0
        else { return false }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode
    }

    /// Writes all of `text` in as few `write` calls as it takes (one for any sane line).
    static func writeAll(_ text: String, to fd: CInt) {
        // Nowhere left to report a failing log sink.
        try? SystemCall.writeAll(fd, Array(text.utf8))
    }
}
