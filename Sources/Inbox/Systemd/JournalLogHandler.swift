import CSystemd
import Glibc
import Logging
import SystemPackage

/// A swift-log handler writing structured entries to journald with sd_journal_sendv(3).
///
/// Each event becomes `MESSAGE`, `PRIORITY`, `CODE_FILE/LINE/FUNC`, `SYSLOG_IDENTIFIER` and one
/// field per metadata key (`nianbao_verdict` → `NIANBAO_VERDICT`), so `journalctl NIANBAO_VERDICT=rejected`
/// works; metadata `message_id` becomes the `MESSAGE_ID` the catalog explains. If journald refuses
/// an entry, the event is written to standard error as a plain line instead of being lost.
package struct JournalLogHandler: LogHandler {
    /// Sends one entry: the iovecs each hold `NAME=value`; returns 0 or -errno like sd_journal_sendv.
    package typealias Sender = @Sendable (UnsafeBufferPointer<iovec>) -> Int32

    /// The socket sd_journal_sendv writes to.
    package static let socketPath = "/run/systemd/journal/socket"
    /// Metadata key whose value is sent as `MESSAGE_ID` (see ``NianbaoMessageID``).
    package static let messageIDKey = "message_id"
    /// Field names this handler sets itself; metadata keys mapping to one get a `NIANBAO_` prefix.
    static let reservedNames: Set<String> = [
        "MESSAGE", "PRIORITY", "CODE_FILE", "CODE_LINE", "CODE_FUNC", "SYSLOG_IDENTIFIER",
    ]

    package var logLevel: Logger.Level
    package var metadata: Logger.Metadata = [:]
    package var metadataProvider: Logger.MetadataProvider?
    /// `SYSLOG_IDENTIFIER`: the name `journalctl -t` selects and the entry's `name[pid]:` prefix shows.
    package let identifier: String
    private let send: Sender

    /// - Parameters:
    ///   - level: the least severe level sent.
    ///   - identifier: the `SYSLOG_IDENTIFIER` of every entry.
    ///   - send: how an entry leaves; libsystemd's sd_journal_sendv unless a test captures the iovecs.
    package init(
        level: Logger.Level = .info, identifier: String = "nianbao",
        metadataProvider: Logger.MetadataProvider? = nil,
        send: @escaping Sender = { nianbao_sd_journal_sendv($0.baseAddress, CInt($0.count)) }
    ) {
        self.logLevel = level
        self.identifier = identifier
        self.metadataProvider = metadataProvider
        self.send = send
    }

    /// Whether journald's native socket exists here; sd_journal_sendv "succeeds" without it, losing the entry.
    package static func isAvailable(socketPath: String = JournalLogHandler.socketPath) -> Bool {
        var status = stat()
        return lstat(socketPath, &status) == 0 && (status.st_mode & S_IFMT) == S_IFSOCK
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var merged = Logger.Metadata.merged(handler: metadata, provider: metadataProvider, event: event.metadata)
        let message = "\(event.message)"
        let entry = fields(
            level: event.level, message: message, metadata: merged, error: event.error,
            file: event.file, function: event.function, line: event.line)
        if Self.send(entry, with: send) < 0 {
            if let error = event.error { merged["error"] = "\(error)" }
            let line = LineLogHandler.format(
                level: event.level, message: message, metadata: merged,
                syslogPrefix: LineLogHandler.standardErrorIsJournal)
            LineLogHandler.writeAll(line + "\n", to: STDERR_FILENO)
        }
    }

    /// The fields of one entry, in the order sent: the handler's own, then metadata sorted by key.
    package func fields(
        level: Logger.Level, message: String, metadata: Logger.Metadata, error: (any Error)? = nil,
        file: String, function: String, line: UInt
    ) -> [JournalField] {
        var fields = [
            JournalField("MESSAGE", message),
            JournalField("PRIORITY", "\(JournalPriority(level).rawValue)"),
            JournalField("CODE_FILE", file),
            JournalField("CODE_LINE", "\(line)"),
            JournalField("CODE_FUNC", function),
            JournalField("SYSLOG_IDENTIFIER", identifier),
        ]
        for key in metadata.keys.sorted() {
            fields.append(Self.metadataField(key: key, value: metadata[key]!))
        }
        if let error {
            fields.append(JournalField("ERROR", "\(error)"))
            if let errno = error as? Errno, !fields.contains(where: { $0.name == "ERRNO" }) {
                fields.append(JournalField("ERRNO", "\(errno.rawValue)"))
            }
        }
        return fields
    }

    /// One metadata entry as a field: a sanitised name, reserved names prefixed, `MESSAGE_ID` normalised.
    static func metadataField(key: String, value: Logger.Metadata.Value) -> JournalField {
        var name = JournalField.sanitizedName(key)
        if reservedNames.contains(name) { name = "NIANBAO_" + name }
        let text = "\(value)"
        if name == "MESSAGE_ID" { return JournalField(name, normalizedID(text)) }
        return JournalField(name, text)
    }

    /// A 128-bit ID as journald and the catalog write it: 32 lower-case hex digits, dashes removed.
    static func normalizedID(_ text: String) -> String {
        text.lowercased().filter { $0 != "-" }
    }

    /// Builds the iovecs for `fields` (each pointing into one contiguous buffer) and calls `sender`.
    static func send(_ fields: [JournalField], with sender: Sender) -> Int32 {
        var buffer: [UInt8] = []
        var ranges: [Range<Int>] = []
        for field in fields {
            let start = buffer.count
            buffer.append(contentsOf: field.bytes)
            ranges.append(start..<buffer.count)
        }
        return buffer.withUnsafeMutableBytes { raw in
            let base = raw.baseAddress!
            let vectors = ranges.map { iovec(iov_base: base + $0.lowerBound, iov_len: $0.count) }
            return vectors.withUnsafeBufferPointer { sender($0) }
        }
    }
}
