import Glibc
import Inbox

/// Writes to standard output and standard error without buffering surprises between the two.
enum ConsoleOutput {
    /// Writes `text` to standard output as is (renderers end their text with a newline).
    static func write(_ text: String) {
        writeAll(text, to: STDOUT_FILENO)
    }

    /// Writes one line to standard error, prefixed with `nianbao: ` unless it already starts with it.
    static func error(_ message: String) {
        let line =
            message.hasPrefix("nianbao") || message.hasPrefix("Error:") || message.hasPrefix("Usage:")
            ? message : "nianbao: " + message
        writeAll(line.hasSuffix("\n") ? line : line + "\n", to: STDERR_FILENO)
    }

    static func writeAll(_ text: String, to fd: Int32) {
        // A closed pipe (e.g. `| head`): nothing useful left to do with the output.
        try? SystemCall.writeAll(fd, Array(text.utf8))
    }
}
