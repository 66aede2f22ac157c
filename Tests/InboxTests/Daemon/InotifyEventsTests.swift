import Foundation
import Glibc
import Testing

@testable import Inbox

@Suite("InotifyEvents")
struct InotifyEventsTests {
    /// Collects events until `count` have arrived or `seconds` have passed.
    func collect(_ events: InotifyEvents, count: Int, seconds: Double = 5) async throws -> [InotifyEvent] {
        try await withThrowingTaskGroup(of: [InotifyEvent].self) { group in
            group.addTask {
                var seen: [InotifyEvent] = []
                for try await event in events {
                    seen.append(event)
                    if seen.count == count { break }
                }
                return seen
            }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                events.finish()
                return []
            }
            let first = try await group.next() ?? []
            group.cancelAll()
            return first
        }
    }

    @Test("a rename in gives IN_MOVED_TO and a closed write IN_CLOSE_WRITE, names as raw bytes (GBK too)")
    func deliversMovedToAndCloseWriteWithRawNames() async throws {
        let root = try InboxRoot()
        mkdir(root.cPath("inbox"), 0o755)
        let events = try InotifyEvents(watching: root.inbox)
        let gbk = FileName(Array("2023".utf8) + [0xC4, 0xEA, 0xB1, 0xA8] + Array(".txt".utf8))
        try root.write("outside", gbk, Array("moved in".utf8))
        #expect(rename(root.cPath("outside", gbk), root.cPath("inbox", gbk)) == 0)
        try root.write("inbox", FileName("written.txt"), Array("in place".utf8))
        let seen = try await collect(events, count: 3)
        let moved = seen.filter { $0.mask.contains(.movedTo) }
        #expect(moved.map(\.name) == [gbk], "\(seen)")
        #expect(seen.contains { $0.mask.contains(.closeWrite) && $0.name == FileName("written.txt") }, "\(seen)")
        #expect(seen.contains { $0.mask.contains(.create) && $0.name == FileName("written.txt") }, "\(seen)")
        #expect(InotifyEventMask([.movedTo, .isDirectory]).description == "IN_MOVED_TO|IN_ISDIR")
    }

    @Test("deleting the watched folder is delivered as IN_DELETE_SELF / IN_IGNORED, which the daemon treats as lost")
    func deliversLostWatch() async throws {
        let root = try InboxRoot()
        mkdir(root.cPath("inbox"), 0o755)
        let events = try InotifyEvents(watching: root.inbox)
        #expect(rmdir(root.cPath("inbox")) == 0)
        let seen = try await collect(events, count: 2)
        #expect(seen.contains { $0.mask.contains(.deleteSelf) }, "\(seen)")
        #expect(seen.allSatisfy { !$0.mask.isDisjoint(with: .watchLost) }, "\(seen)")
    }

    @Test("a small buffer pauses reading instead of growing: every event still arrives, in order")
    func smallBufferLosesNothing() async throws {
        let root = try InboxRoot()
        mkdir(root.cPath("inbox"), 0o755)
        mkdir(root.cPath("outside"), 0o755)
        let events = try InotifyEvents(watching: root.inbox, for: [.movedTo], bufferLimit: 4)
        let names = (0..<300).map { FileName(String(format: "f%03d", $0)) }
        for name in names {
            try root.write("outside", name, [1])
            #expect(rename(root.cPath("outside", name), root.cPath("inbox", name)) == 0)
        }
        let seen = try await collect(events, count: names.count)
        #expect(seen.map(\.name) == names)
    }

    @Test("watching a missing folder throws the errno")
    func missingFolderThrows() throws {
        #expect(throws: SystemCallError.self) { try InotifyEvents(watching: "/nonexistent/nianbao-inbox") }
    }

    @Test("a cancelled consumer returns nil and loses no buffered event")
    func cancellationEndsTheWait() async throws {
        let root = try InboxRoot()
        mkdir(root.cPath("inbox"), 0o755)
        let events = try InotifyEvents(watching: root.inbox)
        let waiter = Task { () -> InotifyEvent? in
            var iterator = events.makeAsyncIterator()
            return try await iterator.next()
        }
        try await Task.sleep(for: .milliseconds(50))
        waiter.cancel()
        #expect(try await waiter.value == nil)
        try root.write("inbox", FileName("after.txt"), [1])
        let seen = try await collect(events, count: 2)
        #expect(seen.contains { $0.name == FileName("after.txt") })
    }
}
