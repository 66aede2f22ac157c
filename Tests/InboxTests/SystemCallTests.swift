import Glibc
import Inbox
import Testing

@Suite("SystemCall")
struct SystemCallTests {
    @Test("the description names the call, the path and the errno with its text")
    func descriptionNamesCallPathAndErrno() {
        let error = SystemCallError(call: "open", path: "/srv/x.txt", errno: .permissionDenied)
        #expect(error.description == #"open("/srv/x.txt"): Permission denied (errno 13)"#)
        let noPath = SystemCallError(call: "read", errno: .badFileDescriptor)
        #expect(noPath.description == "read: Bad file descriptor (errno 9)")
    }

    @Test("a real failure carries the errno the kernel set")
    func realFailure() {
        let path = "/nonexistent-nianbao-dir/report.txt"
        #expect(throws: SystemCallError(call: "open", path: path, errno: .noSuchFileOrDirectory)) {
            try SystemCall.run("open", path: path) { open(path, O_RDONLY) }
        }
    }

    @Test("EINTR is retried until the call succeeds")
    func retriesInterruptedCalls() throws {
        var attempts = 0
        let value = try SystemCall.run("fake") { () -> CInt in
            attempts += 1
            if attempts < 3 {
                errno = EINTR
                return -1
            }
            return 42
        }
        #expect(value == 42)
        #expect(attempts == 3)
    }

    @Test("EINTR is reported when retrying is turned off, and other errors are never retried")
    func doesNotRetryWhenTold() {
        var attempts = 0
        #expect(throws: SystemCallError(call: "close", errno: .interrupted)) {
            try SystemCall.run("close", retryOnInterrupt: false) { () -> CInt in
                attempts += 1
                errno = EINTR
                return -1
            }
        }
        #expect(attempts == 1)
        #expect(throws: SystemCallError(call: "fake", path: "p", errno: .wouldBlock)) {
            try SystemCall.run("fake", path: "p") { () -> CInt in
                attempts += 1
                errno = EAGAIN
                return -1
            }
        }
        #expect(attempts == 2)
    }

    @Test("pointer-returning calls fail on nil with the errno")
    func pointerCalls() {
        #expect(throws: SystemCallError(call: "opendir", path: "/nonexistent-nianbao", errno: .noSuchFileOrDirectory)) {
            try SystemCall.pointer("opendir", path: "/nonexistent-nianbao") { opendir("/nonexistent-nianbao") }
        }
    }

    @Test("open options and file kinds print readably")
    func readableDescriptions() {
        let flags: OpenFlags = [.noFollow, .nonBlocking, .closeOnExec]
        #expect(flags.description == "O_NOFOLLOW|O_NONBLOCK|O_CLOEXEC")
        #expect(OpenFlags().description == "[]")
        #expect(OpenFlags(rawValue: O_NOFOLLOW | 0o10).description == "O_NOFOLLOW|0x8")
        #expect(FileKind(mode: S_IFIFO | 0o644) == .fifo)
        #expect(FileKind(mode: S_IFIFO).description == "FIFO")
        #expect(FileKind(mode: S_IFLNK).description == "symbolic link")
        #expect(
            SystemCallError(call: "iconv", errno: .illegalByteSequence).description
                == "iconv: Invalid or incomplete multibyte or wide character (errno 84)")
    }
}
