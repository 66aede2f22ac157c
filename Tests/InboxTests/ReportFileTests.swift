import Dispatch
import Glibc
import Inbox
import ReportValidation
import Synchronization
import Testing

@Suite("ReportFile")
struct ReportFileTests {
    let folder: TemporaryDirectory

    init() throws { folder = try TemporaryDirectory() }

    @Test("a regular file is read byte for byte, including NULs and invalid UTF-8")
    func readsByteExact() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<300_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let path = try folder.write("random.bin", bytes)
        #expect(try ReportFile.read(path: path, maxSize: 1 << 20) == .bytes(bytes))
    }

    @Test("an empty file is empty bytes (the checker calls it empty)")
    func readsEmptyFile() throws {
        let path = try folder.write("empty.txt", [])
        #expect(try ReportFile.read(path: path, maxSize: 10) == .bytes([]))
    }

    @Test("a file over the limit is refused; one at the limit is read")
    func refusesOversize() throws {
        let bytes = [UInt8](repeating: 0x41, count: 1000)
        let path = try folder.write("big.txt", bytes)
        #expect(try ReportFile.read(path: path, maxSize: 999) == .problem(.tooLarge(size: 1000, limit: 999)))
        #expect(try ReportFile.read(path: path, maxSize: 1000) == .bytes(bytes))
        #expect(try ReportFile.read(path: path, maxSize: 0) == .problem(.tooLarge(size: 1000, limit: 0)))
    }

    @Test("a symbolic link is refused and its target's content is never returned")
    func refusesSymlink() throws {
        let secret = Array("secret: 机密内容".utf8)
        let target = try folder.write("target.txt", secret)
        let link = folder.path("link.txt")
        #expect(symlink(target, link) == 0)
        let content = try ReportFile.read(path: link, maxSize: 1 << 20)
        #expect(content == .notRegular(kind: "symbolic link"))
        if case .bytes(let bytes) = content { #expect(bytes != secret, "followed the link") }

        let dangling = folder.path("dangling.txt")
        #expect(symlink(folder.path("nowhere"), dangling) == 0)
        #expect(try ReportFile.read(path: dangling, maxSize: 10) == .notRegular(kind: "symbolic link"))

        let toDirectory = folder.path("dir-link")
        #expect(symlink("/tmp", toDirectory) == 0)
        #expect(try ReportFile.read(path: toDirectory, maxSize: 10) == .notRegular(kind: "symbolic link"))
    }

    @Test("a FIFO with no writer is refused without blocking")
    func refusesFIFO() throws {
        let path = folder.path("pipe.txt")
        #expect(mkfifo(path, 0o644) == 0)
        // Read on another thread so a blocking open fails the test instead of hanging it.
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            outcome.set(Result { () throws(SystemCallError) in try ReportFile.read(path: path, maxSize: 10) })
            done.signal()
        }
        guard done.wait(timeout: .now() + 5) == .success else {
            Issue.record("reading a FIFO blocked")
            // Unblock the reader by opening the write end, so the thread can finish.
            let writer = open(path, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            return
        }
        #expect(try outcome.get().get() == .notRegular(kind: "FIFO"))
    }

    @Test("a directory and a device are refused")
    func refusesDirectoryAndDevice() throws {
        #expect(try ReportFile.read(path: folder.path, maxSize: 10) == .notRegular(kind: "directory"))
        #expect(try ReportFile.read(path: "/dev/null", maxSize: 10) == .notRegular(kind: "character device"))
    }

    @Test("a missing file throws open's error with the path")
    func missingFileThrows() {
        let path = folder.path("missing.txt")
        #expect(throws: SystemCallError(call: "open", path: path, errno: .noSuchFileOrDirectory)) {
            try ReportFile.read(path: path, maxSize: 10)
        }
    }

    @Test("listing returns regular files in byte order, without dotfiles, links, FIFOs or folders")
    func listsRegularFiles() throws {
        for name in ["b.txt", "a.txt", "政府.txt", "B.html", ".hidden.txt", ".report.txt.part"] {
            try folder.write(name, Array(name.utf8))
        }
        #expect(mkdir(folder.path("sub"), 0o755) == 0)
        try folder.write("sub/inner.txt", [0x41])
        #expect(symlink(folder.path("a.txt"), folder.path("link.txt")) == 0)
        #expect(mkfifo(folder.path("pipe.txt"), 0o644) == 0)
        #expect(try ReportFile.listReports(inDirectory: folder.path) == ["B.html", "a.txt", "b.txt", "政府.txt"])
    }

    @Test("listing something that is not a directory throws opendir's error")
    func listingNonDirectoryThrows() throws {
        let file = try folder.write("plain.txt", [0x41])
        #expect(throws: SystemCallError(call: "opendir", path: file, errno: .notDirectory)) {
            try ReportFile.listReports(inDirectory: file)
        }
    }
}

/// A result handed from a Dispatch thread to the test.
final class Outcome: Sendable {
    private let value = Mutex<Result<ReportFileContent, SystemCallError>?>(nil)

    func set(_ result: Result<ReportFileContent, SystemCallError>) { value.withLock { $0 = result } }

    func get() throws -> Result<ReportFileContent, SystemCallError> {
        try #require(value.withLock { $0 })
    }
}
