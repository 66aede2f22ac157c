import Logging
import Synchronization

/// Log lines captured from a `Logger`, for checking what the code under test says.
public final class CapturedLog: Sendable {
    /// Every line so far: its level and "message key=value…" (metadata sorted by key).
    public let lines = Mutex<[(Logger.Level, String)]>([])

    public init() {}

    /// A logger (level debug) whose lines land here.
    public var logger: Logger {
        var logger = Logger(label: "test") { _ in CapturingLogHandler(log: self) }
        logger.logLevel = .debug
        return logger
    }

    /// The lines at `level` (all lines when nil).
    public func messages(_ level: Logger.Level? = nil) -> [String] {
        lines.withLock { lines in lines.filter { level == nil || $0.0 == level }.map(\.1) }
    }

    /// How many lines there are so far: a progress measure for waits.
    public var count: Int { lines.withLock { $0.count } }
}

/// The `LogHandler` behind ``CapturedLog/logger``.
public struct CapturingLogHandler: LogHandler {
    public let log: CapturedLog
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .debug

    public init(log: CapturedLog) { self.log = log }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        // The event's own metadata only, as the line would show it.
        let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        log.lines.withLock { $0.append((event.level, "\(event.message) \(fields)")) }
    }
}
