import Foundation
import Glibc
import Testing

@testable import Inbox

@Suite("InboxLayout", .serialized)
struct InboxLayoutTests {
    @Test("missing folders are created; the root too when its parent exists")
    func createsMissingFolders() throws {
        let base = try TemporaryDirectory()
        let layout = try InboxLayout.prepare(root: base.path + "/root")
        for folder in ["inbox", "accepted", "rejected", ".work"] {
            var st = stat()
            #expect(lstat(base.path + "/root/" + folder, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR, "\(folder)")
        }
        #expect(layout.inbox.path == base.path + "/root/inbox")
    }

    @Test("a root whose parent is missing is refused, naming the path")
    func refusesMissingRoot() {
        #expect {
            try InboxLayout.prepare(root: "/nonexistent-parent/nianbao")
        } throws: { error in
            guard case .rootMissing(let path, _) = error as? InboxError else { return false }
            return path == "/nonexistent-parent/nianbao" && "\(error)".contains("missing")
        }
    }

    @Test("a symbolic link standing in for accepted/ is refused")
    func refusesSymlinkedFolder() throws {
        let base = try TemporaryDirectory()
        mkdir(base.path + "/elsewhere", 0o755)
        symlink(base.path + "/elsewhere", base.path + "/accepted")
        #expect {
            try InboxLayout.prepare(root: base.path)
        } throws: { error in
            guard case .notADirectory(let folder, _) = error as? InboxError else { return false }
            return folder == "accepted"
        }
    }

    @Test(
        "an output folder on another file system (a tmpfs) is refused with a message naming it",
        .enabled(if: TmpfsMount.isPossible, "skipped: this process cannot mount a tmpfs (needs root)"))
    func refusesSecondFileSystem() throws {
        let base = try TemporaryDirectory()
        for folder in ["inbox", "rejected"] { mkdir(base.path + "/" + folder, 0o755) }
        let mount = try TmpfsMount(at: base.path + "/rejected")
        defer { mount.unmount() }
        #expect {
            try InboxLayout.prepare(root: base.path)
        } throws: { error in
            guard case .crossDevice(let folder, _, _) = error as? InboxError else { return false }
            return folder == "rejected" && "\(error)".contains("another file system")
        }
    }
}

/// A small tmpfs mounted for a test (root only).
struct TmpfsMount {
    let path: String

    init(at path: String, size: String = "1m") throws {
        self.path = path
        try #require(Glibc.mount("tmpfs", path, "tmpfs", 0, "size=\(size)") == 0, "mount tmpfs: errno \(errno)")
    }

    func unmount() { umount2(path, Int32(MNT_DETACH)) }

    /// Whether mount(2) works here: tried once on a scratch folder.
    static let isPossible: Bool = {
        guard let base = try? TemporaryDirectory() else { return false }
        guard Glibc.mount("tmpfs", base.path, "tmpfs", 0, "size=64k") == 0 else { return false }
        umount2(base.path, Int32(MNT_DETACH))
        return true
    }()
}
