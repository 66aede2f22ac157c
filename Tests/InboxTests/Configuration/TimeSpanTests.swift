import Inbox
import Testing

/// systemd time spans (`systemd.time(7)`) as the config file takes them.
@Suite struct TimeSpanTests {
    @Test(arguments: [
        ("2s", Duration.seconds(2)),
        ("2", .seconds(2)),
        ("500ms", .milliseconds(500)),
        ("500 ms", .milliseconds(500)),
        ("1min", .seconds(60)),
        ("1m", .seconds(60)),
        ("1min 30s", .seconds(90)),
        ("1min30s", .seconds(90)),
        ("1.5s", .milliseconds(1500)),
        ("2h", .seconds(7200)),
        ("1d", .seconds(86_400)),
        ("1w", .seconds(604_800)),
        ("250us", .microseconds(250)),
        ("3 seconds", .seconds(3)),
        ("  10sec  ", .seconds(10)),
    ])
    func parses(_ text: String, _ expected: Duration) {
        #expect(TimeSpan.parse(text) == expected)
    }

    @Test(arguments: ["", " ", "s", "abc", "0", "0s", "-1s", "1x", "1.2.3s", "1min 30", "2 5", ".s", "5M", "9999999999d"])
    func refuses(_ text: String) {
        #expect(TimeSpan.parse(text) == nil)
    }

    @Test(arguments: [
        (Duration.seconds(2), "2s"), (.milliseconds(500), "500ms"), (.seconds(90), "1min 30s"), (.seconds(3600), "1h"),
    ])
    func formatsInSystemdNotation(_ duration: Duration, _ expected: String) {
        #expect(TimeSpan.format(duration) == expected)
        #expect(TimeSpan.parse(expected) == duration)
    }
}
