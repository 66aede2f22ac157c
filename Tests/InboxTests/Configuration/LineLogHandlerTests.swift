import Glibc
import Inbox
import Logging
import Testing

/// The daemon's log lines: one line per event, `level: message key=value`, or `<N>` prefixes for journald.
/// (Kept beside the configuration tests: the handler and the config parser make up `nianbao watch`'s start-up.)
@Suite struct LineLogHandlerTests {
    @Test func plainLinesStartWithTheLevelAndEndWithSortedMetadata() {
        let line = LineLogHandler.format(
            level: .info, message: "config reloaded", metadata: ["path": "/etc/x.conf", "changed": "Language"],
            syslogPrefix: false)
        #expect(line == "info: config reloaded changed=Language path=/etc/x.conf")
    }

    @Test func journalOnlyMetadataIsLeftOut() {
        // The MESSAGE_ID means something to journalctl -x only; an error the message already says is not repeated.
        let line = LineLogHandler.format(
            level: .error, message: "config not reloaded: x.conf:3: bad",
            metadata: NianbaoMessageID.configRefused.metadata.merging(["error": "x.conf:3: bad", "nianbao_config": "x.conf"]) { $1 },
            syslogPrefix: false)
        #expect(line == "error: config not reloaded: x.conf:3: bad nianbao_config=x.conf")
        let other = LineLogHandler.format(level: .error, message: "m", metadata: ["error": "disk full"], syslogPrefix: false)
        #expect(other == "error: m error=\"disk full\"")
    }

    @Test func journalLinesCarryTheSyslogPriority() {
        #expect(LineLogHandler.format(level: .error, message: "m", metadata: [:], syslogPrefix: true) == "<3>m")
        #expect(LineLogHandler.format(level: .info, message: "m", metadata: [:], syslogPrefix: true) == "<6>m")
        #expect(LineLogHandler.format(level: .warning, message: "m", metadata: [:], syslogPrefix: true) == "<4>m")
        #expect(LineLogHandler.format(level: .debug, message: "m", metadata: [:], syslogPrefix: true) == "<7>m")
        #expect(LineLogHandler.format(level: .critical, message: "m", metadata: [:], syslogPrefix: true) == "<2>m")
    }

    @Test func valuesWithSpacesOrQuotesAreQuotedAndNewlinesEscaped() {
        let line = LineLogHandler.format(
            level: .warning, message: "two\nlines", metadata: ["a": "x y", "b": "say \"hi\"", "c": ""], syslogPrefix: false)
        #expect(line == #"warning: two\nlines a="x y" b="say \"hi\"" c="""#)
    }

    @Test func aLoggerWritesOneLinePerEventToItsDescriptor() throws {
        var fds: [CInt] = [0, 0]
        try #require(pipe(&fds) == 0)
        defer { close(fds[0]) }
        var logger = Logger(label: "test") { _ in
            LineLogHandler(level: .info, syslogPrefix: false, fileDescriptor: fds[1])
        }
        logger[metadataKey: "unit"] = "nianbao"
        logger.debug("not written")
        logger.info("hello", metadata: ["n": "1"])
        logger.error("failed")
        close(fds[1])
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fds[0], &buffer, buffer.count)
            if count <= 0 { break }
            bytes += buffer[..<count]
        }
        #expect(String(decoding: bytes, as: UTF8.self) == "info: hello n=1 unit=nianbao\nerror: failed unit=nianbao\n")
    }
}
