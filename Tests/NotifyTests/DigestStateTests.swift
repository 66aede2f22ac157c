import Foundation
import Inbox
import NianbaoTestSupport
import Notify
import ReportValidation
import Testing

/// The digest's own settings and its state file on a real file system.
@Suite struct DigestStateTests {
    @Test(
        "RemindDaysBefore= is a number of days, off, or empty for the default",
        arguments: [
            ("RemindDaysBefore=14", Int?.some(14)), ("RemindDaysBefore=0", 0), ("RemindDaysBefore=off", nil),
            ("RemindDaysBefore=", 7), ("", 7),
        ])
    func remindDaysBefore(line: String, expected: Int?) throws {
        let settings = try NotifyConfiguration.parse(text: "[Notify]\n\(line)\n", path: "nianbao.conf")
        #expect(settings.remindDaysBefore == expected)
    }

    @Test(arguments: ["RemindDaysBefore=-1", "RemindDaysBefore=a week", "RemindDaysBefore=400"])
    func badReminderDaysAreRefusedNamingTheLine(line: String) {
        #expect(throws: ConfigurationError.self) { try NotifyConfiguration.parse(text: "[Notify]\n\(line)\n", path: "c") }
    }

    @Test func theStateFileIsReplacedWholeAndReadsBack() throws {
        let folder = try TemporaryRoot.makePath("digest-state")
        defer { TemporaryRoot.remove(folder) }
        let state = DigestState(directory: folder + "/state")
        try state.makeDirectory()
        try state.makeDirectory()  // again: already there is fine
        #expect(try state.load().sent.isEmpty, "no file yet: nothing was sent")
        let today = CivilDate(year: 2027, month: 1, day: 25)
        let key = ReminderKey(agency: "某某县教育局", deadline: CivilDate(year: 2027, month: 1, day: 31), day: today)
        try state.save(ReminderLedger(sent: [key]), today: today)
        var ledger = try state.load()
        #expect(ledger.sent == [key])
        let next = ReminderKey(agency: "某某县教育局", deadline: key.deadline, day: CivilDate(year: 2027, month: 1, day: 26))
        ledger.sent.insert(next)
        try state.save(ledger, today: next.day)
        #expect(try state.load().sent == [key, next])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/state") == [DigestState.fileName], "no temporary file left")
    }
}
