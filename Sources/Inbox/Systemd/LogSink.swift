import Logging

/// Where the daemon's log goes: journald's native protocol when its socket exists, else standard error.
///
/// Decided once at start-up, since sd_journal_sendv reports success even with no journald running.
package enum LogSink: Sendable, Equatable {
    /// Structured entries through ``JournalLogHandler``.
    case journal
    /// One plain line per event through ``LineLogHandler`` (a terminal, a test, or a journal stream).
    case standardError

    /// `.journal` when ``JournalLogHandler/isAvailable(socketPath:)``, else `.standardError`.
    package static func detect(socketPath: String = JournalLogHandler.socketPath) -> LogSink {
        JournalLogHandler.isAvailable(socketPath: socketPath) ? .journal : .standardError
    }

    /// A handler for this sink at `level`.
    package func makeHandler(level: Logger.Level) -> any LogHandler {
        switch self {
        case .journal: JournalLogHandler(level: level)
        case .standardError: LineLogHandler(level: level)
        }
    }

    /// A factory for `LoggingSystem.bootstrap(_:)`: `LoggingSystem.bootstrap(LogSink.detect().factory(level: .info))`.
    package func factory(level: Logger.Level) -> @Sendable (String) -> any LogHandler {
        { _ in self.makeHandler(level: level) }
    }
}
