import Dispatch
import Foundation
import Glibc
import ReportValidation
import Synchronization
import Testing

@testable import Inbox

/// The one report reader: what it reads, and what it refuses without reading.
@Suite("ReportFileReader")
struct ReportFileReaderTests {
    let folder: TemporaryDirectory
    let handle: DirectoryHandle

    init() throws {
        folder = try TemporaryDirectory()
        handle = try DirectoryHandle(path: folder.path)
    }

    func read(_ name: String, maxSize: Int = 1 << 20) throws(SystemCallError) -> ReportFileContent {
        try ReportFileReader(maximumSize: maxSize).read(FileName(name), in: handle)
    }

    @Test("a regular file is read byte for byte, including NULs and invalid UTF-8")
    func readsByteExact() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<300_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try folder.write("random.bin", bytes)
        #expect(try read("random.bin") == .bytes(bytes))
    }

    @Test("an empty file is empty bytes (the checker calls it empty)")
    func readsEmptyFile() throws {
        try folder.write("empty.txt", [])
        #expect(try read("empty.txt", maxSize: 10) == .bytes([]))
    }

    @Test("a file over the limit is refused unread with its size; one at the limit is read")
    func refusesOversize() throws {
        let bytes = [UInt8](repeating: 0x41, count: 1000)
        try folder.write("big.txt", bytes)
        #expect(try read("big.txt", maxSize: 999) == .refused(.tooLarge(size: 1000, limit: 999), size: 1000))
        #expect(try read("big.txt", maxSize: 1000) == .bytes(bytes))
        #expect(try read("big.txt", maxSize: 0) == .refused(.tooLarge(size: 1000, limit: 0), size: 1000))
    }

    @Test("a file that holds more than fstat said (it grew while read) is refused at one byte past the limit")
    func refusesFileThatGrowsWhileRead() throws {
        // /proc files are regular files whose fstat size is 0 while reading them gives bytes: exactly
        // what a file growing between fstat and read looks like.
        let proc = try DirectoryHandle(path: "/proc/self", followingLinks: true)
        let status = try #require(try proc.status(of: FileName("status")))
        #expect(status.kind == .regular && status.size == 0)
        let content = try ReportFileReader(maximumSize: 10).read(FileName("status"), in: proc)
        #expect(content == .refused(.tooLarge(size: 11, limit: 10), size: 11))
    }

    @Test("a symbolic link is refused and its target's content is never returned")
    func refusesSymlink() throws {
        let secret = Array("secret: 机密内容".utf8)
        let target = try folder.write("target.txt", secret)
        #expect(symlink(target, folder.path("link.txt")) == 0)
        let content = try read("link.txt")
        #expect(content == .refused(.symbolicLink, size: nil))
        if case .bytes(let bytes) = content { #expect(bytes != secret, "followed the link") }

        #expect(symlink(folder.path("nowhere"), folder.path("dangling.txt")) == 0)
        #expect(try read("dangling.txt") == .refused(.symbolicLink, size: nil))
        #expect(symlink("/tmp", folder.path("dir-link")) == 0)
        #expect(try read("dir-link") == .refused(.symbolicLink, size: nil))
    }

    @Test("a FIFO with no writer is refused without blocking")
    func refusesFIFO() throws {
        let path = folder.path("pipe.txt")
        #expect(mkfifo(path, 0o644) == 0)
        // Read on another thread so a blocking open fails the test instead of hanging it.
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let reader = ReportFileReader(maximumSize: 10)
        let handle = self.handle
        DispatchQueue.global().async {
            outcome.set(Result { () throws(SystemCallError) in try reader.read(FileName("pipe.txt"), in: handle) })
            done.signal()
        }
        // Not a time budget for work: a non-blocking open returns at once; this only turns a hang into a failure.
        guard done.wait(timeout: .now() + 60) == .success else {
            Issue.record("reading a FIFO blocked")
            // Unblock the reader by opening the write end, so the thread can finish.
            let writer = open(path, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            return
        }
        #expect(try outcome.get().get() == .refused(.specialFile(.fifo), size: nil))
    }

    @Test("a folder, a device and a socket are refused")
    func refusesDirectoryDeviceAndSocket() throws {
        #expect(mkdir(folder.path("sub"), 0o755) == 0)
        #expect(try read("sub") == .refused(.directory, size: nil))
        let dev = try DirectoryHandle(path: "/dev")
        #expect(
            try ReportFileReader(maximumSize: 10).read(FileName("null"), in: dev) == .refused(.specialFile(.characterDevice), size: nil))
        let socket = try UnixSocket(path: folder.path("socket.txt"))
        #expect(try read("socket.txt") == .refused(.specialFile(.socket), size: nil))
        _ = socket
    }

    @Test("a hard link (a file with two names) is refused unread, with its size")
    func refusesHardLink() throws {
        let bytes = Array("一、总体情况".utf8)
        try folder.write("original.txt", bytes)
        #expect(link(folder.path("original.txt"), folder.path("hard.txt")) == 0)
        #expect(try read("hard.txt") == .refused(.hardLink(names: 2), size: bytes.count))
    }

    @Test("a file this process may not open is refused as permission denied, not thrown")
    func refusesUnreadableFile() throws {
        try folder.write("secret.txt", Array("一、总体情况".utf8))
        #expect(chmod(folder.path, 0o755) == 0)
        #expect(chmod(folder.path("secret.txt"), 0o000) == 0)
        let reader = ReportFileReader(maximumSize: 1 << 20)
        let handle = self.handle
        let content = try CredentialsOfNobody.run { () throws(SystemCallError) in try reader.read(FileName("secret.txt"), in: handle) }
        #expect(content == .refused(.permissionDenied, size: 18))
    }

    @Test("a file in a folder this process may not search is refused as permission denied")
    func refusesFileInUnsearchableFolder() throws {
        #expect(mkdir(folder.path("closed"), 0o700) == 0)
        try folder.write("closed/report.txt", Array("一、总体情况".utf8))
        #expect(chmod(folder.path, 0o755) == 0)
        let reader = ReportFileReader(maximumSize: 1 << 20)
        let handle = self.handle
        let content = try CredentialsOfNobody.run { () throws(SystemCallError) in
            try reader.read(FileName("closed/report.txt"), in: handle)
        }
        #expect(content == .refused(.permissionDenied, size: nil))
    }

    @Test("a missing file throws fstatat's error with the path")
    func missingFileThrows() {
        #expect(throws: SystemCallError(call: "fstatat", path: folder.path("missing.txt"), errno: .noSuchFileOrDirectory)) {
            try read("missing.txt")
        }
    }

    @Test("a GBK-named file is read by its bytes, which are not valid UTF-8")
    func readsGBKName() throws {
        let name = FileName([0xCE, 0xC2, 0xCF, 0xD8] + Array("2021.txt".utf8))
        #expect(!name.isValidUTF8)
        try handle.createFile(name, contents: Array("一、总体情况".utf8))
        #expect(try ReportFileReader(maximumSize: 100).read(name, in: handle) == .bytes(Array("一、总体情况".utf8)))
    }

    @Test("listing gives every entry but dotfiles and subfolders, by bytes in byte order, links and FIFOs included")
    func listsReports() throws {
        for name in ["b.txt", "a.txt", "政府.txt", "B.html", ".hidden.txt", ".report.txt.part"] {
            try folder.write(name, Array(name.utf8))
        }
        let gbk = FileName([0xCE, 0xC2, 0xCF, 0xD8] + Array("2021.txt".utf8))
        try handle.createFile(gbk, contents: [0x41])
        #expect(mkdir(folder.path("sub"), 0o755) == 0)
        try folder.write("sub/inner.txt", [0x41])
        #expect(symlink(folder.path("a.txt"), folder.path("link.txt")) == 0)
        #expect(mkfifo(folder.path("pipe.txt"), 0o644) == 0)
        let names = try ReportFileReader.reportNames(in: handle)
        // Byte order: the GBK name's lead byte 0xCE sorts before 政's UTF-8 lead byte 0xE6.
        #expect(names == ["B.html", "a.txt", "b.txt", "link.txt", "pipe.txt"].map { FileName($0) } + [gbk, FileName("政府.txt")])
    }
}

/// Command-line operands opened the way the daemon opens its reports.
@Suite("ReportOperand")
struct ReportOperandTests {
    let folder: TemporaryDirectory

    init() throws { folder = try TemporaryDirectory() }

    func open(_ path: String) throws(SystemCallError) -> ReportOperand { try ReportOperand.open(Array(path.utf8)) }

    @Test("a folder, and a symbolic link to one, are folders")
    func foldersAndLinksToThem() throws {
        #expect(mkdir(folder.path("reports"), 0o755) == 0)
        #expect(symlink(folder.path("reports"), folder.path("reports-link")) == 0)
        for path in [folder.path("reports"), folder.path("reports-link"), folder.path("reports/"), folder.path("reports/.")] {
            guard case .folder(let handle) = try open(path) else {
                Issue.record("\(path) is not a folder")
                continue
            }
            #expect(try handle.status().kind == .directory)
        }
    }

    @Test("a file is its name in its parent folder; a symbolic link to a file stays a link, never followed")
    func filesAreNamesInTheirParent() throws {
        try folder.write("report.txt", [0x41])
        #expect(symlink(folder.path("report.txt"), folder.path("link.txt")) == 0)
        guard case .file(let parent, let name) = try open(folder.path("report.txt")) else {
            Issue.record("not a file")
            return
        }
        #expect(name == FileName("report.txt"))
        #expect(try parent.status(of: name)?.kind == .regular)
        guard case .file(let linkParent, let link) = try open(folder.path("link.txt")) else {
            Issue.record("a link to a file was taken for a folder")
            return
        }
        #expect(try ReportFileReader(maximumSize: 10).read(link, in: linkParent) == .refused(.symbolicLink, size: nil))
    }

    @Test("a relative file name is opened in the current folder")
    func relativeName() throws {
        guard case .file(_, let name) = try open("no-such-report-\(getpid()).txt") else {
            Issue.record("not a file")
            return
        }
        #expect(name == FileName("no-such-report-\(getpid()).txt"))
    }

    @Test("a GBK-named file is found by its bytes")
    func gbkName() throws {
        let gbk = [0xCE, 0xC2, 0xCF, 0xD8] + Array("2021.txt".utf8)
        try DirectoryHandle(path: folder.path).createFile(FileName(gbk), contents: [0x41])
        guard case .file(let parent, let name) = try ReportOperand.open(Array(folder.path("").utf8) + gbk) else {
            Issue.record("not a file")
            return
        }
        #expect(try ReportFileReader(maximumSize: 10).read(name, in: parent) == .bytes([0x41]))
    }

    @Test("a missing parent, and a file named with a trailing slash, throw the whole path's error")
    func errorsNameTheWholePath() throws {
        let missing = folder.path("no/such/report.txt")
        #expect(throws: SystemCallError(call: "open", path: missing, errno: .noSuchFileOrDirectory)) { try open(missing) }
        try folder.write("report.txt", [0x41])
        let slash = folder.path("report.txt/")
        #expect(throws: SystemCallError(call: "open", path: slash, errno: .notDirectory)) { try open(slash) }
    }
}

/// A listening Unix socket bound at a path, closed when the test is done with it.
final class UnixSocket {
    let descriptor: CInt

    init(path: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        try #require(bytes.count < MemoryLayout.size(ofValue: address.sun_path))
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0, "bind: errno \(errno)")
    }

    deinit { close(descriptor) }
}

/// Runs a file access as an unprivileged user would make it, so permission checks apply under root too.
enum CredentialsOfNobody {
    /// `body` on a thread of its own whose file-system user and group are `nobody` (Linux keeps them
    /// per thread, so nothing else in the process is affected); as a non-root user, on that thread unchanged.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws(SystemCallError) -> T) throws -> T {
        let result = Mutex<Result<T, SystemCallError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            if geteuid() == 0 {
                // glibc declares these in <sys/fsuid.h>, which the Glibc module leaves out.
                typealias SetID = @convention(c) (UInt32) -> Int32
                for call in ["setfsgid", "setfsuid"] {
                    guard let symbol = dlsym(nil, call) else { continue }
                    _ = unsafeBitCast(symbol, to: SetID.self)(65534)
                }
            }
            result.withLock { $0 = Result { () throws(SystemCallError) in try body() } }
            done.signal()
        }
        thread.start()
        done.wait()
        return try #require(result.withLock { $0 }).get()
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
