import Foundation
import Glibc
import Inbox
import Logging
import NianbaoTestSupport
import Register
import ReportValidation
import Testing

/// The overview page writer: `ROOT/index.html` from the register, replaced atomically, group-readable,
/// rewrites coalesced.
@Suite struct OverviewPublisherTests {
    /// A fixed clock: 2027-01-20 10:00 in China.
    struct FixedClock: WallClock {
        func now() -> WallTime {
            WallTime(nanosecondsSinceEpoch: Int64(CivilDate(year: 2027, month: 1, day: 20).dayNumber * 86_400 + 2 * 3600) * 1_000_000_000)
        }
    }

    static func publisher(_ root: String) async throws -> (OverviewPublisher, any RegisterStore) {
        let store = try await SQLiteRegisterStore.open(path: root + "/register.sqlite3")
        let publisher = OverviewPublisher(
            store: store, folder: try DirectoryHandle(path: root), settings: .init(), clock: FixedClock(),
            logger: Logger(label: "test"))
        return (publisher, store)
    }

    static func page(_ root: String) throws -> String {
        try String(contentsOfFile: root + "/index.html", encoding: .utf8)
    }

    @Test func thePageIsWrittenGroupReadableAndReplacedWhole() async throws {
        let root = try TemporaryRoot.makePath("overview-publish")
        defer { TemporaryRoot.remove(root) }
        let (publisher, store) = try await Self.publisher(root)
        _ = try await store.record([OfficeCommandTests.record("王村镇人民政府", .rejected, filed: "2027-01-05", requests: 9)])
        let old = umask(0o077)
        defer { umask(old) }
        try await publisher.publish()
        var st = stat()
        #expect(stat(root + "/index.html", &st) == 0)
        #expect(st.st_mode & 0o777 == 0o640, "group-readable whatever the umask")
        #expect(try Self.page(root).contains("data-agency=\"王村镇人民政府\" data-state=\"rejected\""))
        _ = try await store.record([OfficeCommandTests.record("王村镇人民政府", .accepted, filed: "2027-01-12", requests: 3)])
        try await publisher.publish()
        #expect(try Self.page(root).contains("data-agency=\"王村镇人民政府\" data-state=\"accepted\""))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
        try await store.close()
    }

    @Test func aSymbolicLinkNamedIndexIsReplacedNotWrittenThrough() async throws {
        let root = try TemporaryRoot.makePath("overview-link")
        defer { TemporaryRoot.remove(root) }
        try "keep".write(toFile: root + "/elsewhere", atomically: false, encoding: .utf8)
        #expect(symlink(root + "/elsewhere", root + "/index.html") == 0)
        let (publisher, store) = try await Self.publisher(root)
        try await publisher.publish()
        #expect(try String(contentsOfFile: root + "/elsewhere", encoding: .utf8) == "keep")
        #expect(try Self.page(root).hasPrefix("<!DOCTYPE html>"))
        try await store.close()
    }

    @Test func requestsCoalesceAndTheLastRewriteSeesEveryRecord() async throws {
        let root = try TemporaryRoot.makePath("overview-coalesce")
        defer { TemporaryRoot.remove(root) }
        let (publisher, store) = try await Self.publisher(root)
        for (index, agency) in ["甲镇人民政府", "乙镇人民政府", "丙镇人民政府", "丁镇人民政府"].enumerated() {
            _ = try await store.record([OfficeCommandTests.record(agency, .accepted, filed: "2027-01-0\(index + 1)", requests: index)])
            await publisher.requestPublish()
        }
        await publisher.settled()
        let page = try Self.page(root)
        for agency in ["甲镇人民政府", "乙镇人民政府", "丙镇人民政府", "丁镇人民政府"] {
            #expect(page.contains("data-agency=\"\(agency)\" data-state=\"accepted\""), "\(agency)")
        }
        try await store.close()
    }

    @Test func aFolderThatCannotBeWrittenIsLoggedNotThrown() async throws {
        let root = try TemporaryRoot.makePath("overview-unwritable")
        defer { TemporaryRoot.remove(root) }
        let store = try await SQLiteRegisterStore.open(path: root + "/register.sqlite3")
        try FileManager.default.createDirectory(atPath: root + "/share", withIntermediateDirectories: false)
        let share = try DirectoryHandle(path: root + "/share")
        try FileManager.default.removeItem(atPath: root + "/share")  // the handle now names a deleted folder
        let log = CapturedLog()
        let publisher = OverviewPublisher(store: store, folder: share, settings: .init(), clock: FixedClock(), logger: log.logger)
        await publisher.requestPublish()
        await publisher.settled()
        #expect(log.messages(.warning).contains { $0.contains("overview page not written") }, "\(log.messages())")
        try await store.close()
    }
}
