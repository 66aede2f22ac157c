import Glibc

/// A C error number (`errno`), with its symbolic name and `strerror` text.
///
/// Modelled on swift-system's `Errno`: a typed wrapper so call sites compare against
/// `.interrupted` rather than a bare `EINTR`.
public struct Errno: RawRepresentable, Error, Hashable, Sendable, CustomStringConvertible {
    /// The raw C error number.
    public let rawValue: CInt

    public init(rawValue: CInt) { self.rawValue = rawValue }

    /// The calling thread's current `errno`.
    public static var current: Errno { Errno(rawValue: errno) }

    /// `EPERM`: the operation needs privileges the process does not have.
    public static var notPermitted: Errno { Errno(rawValue: EPERM) }
    /// `ENOENT`: a path component does not exist.
    public static var noSuchFileOrDirectory: Errno { Errno(rawValue: ENOENT) }
    /// `EINTR`: a signal interrupted the call; retrying is safe.
    public static var interrupted: Errno { Errno(rawValue: EINTR) }
    /// `EBADF`: the file descriptor is not open.
    public static var badFileDescriptor: Errno { Errno(rawValue: EBADF) }
    /// `EAGAIN`/`EWOULDBLOCK`: a non-blocking call would have had to wait.
    public static var wouldBlock: Errno { Errno(rawValue: EAGAIN) }
    /// `EACCES`: permission denied by the file's mode or an LSM.
    public static var permissionDenied: Errno { Errno(rawValue: EACCES) }
    /// `EEXIST`: the name already exists.
    public static var fileExists: Errno { Errno(rawValue: EEXIST) }
    /// `ENOTDIR`: a directory was expected.
    public static var notDirectory: Errno { Errno(rawValue: ENOTDIR) }
    /// `EISDIR`: a directory was not expected.
    public static var isDirectory: Errno { Errno(rawValue: EISDIR) }
    /// `EINVAL`: an argument was invalid (for iconv: the input ends inside a character).
    public static var invalidArgument: Errno { Errno(rawValue: EINVAL) }
    /// `ENOSPC`: the file system is full.
    public static var noSpace: Errno { Errno(rawValue: ENOSPC) }
    /// `EROFS`: the file system is mounted read-only.
    public static var readOnlyFileSystem: Errno { Errno(rawValue: EROFS) }
    /// `E2BIG`: for iconv, the output buffer is full.
    public static var argumentListTooLong: Errno { Errno(rawValue: E2BIG) }
    /// `ELOOP`: a symbolic link where `O_NOFOLLOW` forbids one (or too many links).
    public static var tooManySymbolicLinks: Errno { Errno(rawValue: ELOOP) }
    /// `ENXIO`: no such device or address (e.g. `open` on a socket).
    public static var noSuchDevice: Errno { Errno(rawValue: ENXIO) }
    /// `EXDEV`: the operation would cross file systems.
    public static var crossDevice: Errno { Errno(rawValue: EXDEV) }
    /// `EILSEQ`: for iconv, an invalid multibyte sequence.
    public static var illegalByteSequence: Errno { Errno(rawValue: EILSEQ) }

    /// The C library's text for this error, e.g. `Permission denied` (thread-safe `strerror_r`).
    public var message: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard strerror_r(rawValue, &buffer, buffer.count) == 0 else { return "Unknown error \(rawValue)" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `Permission denied (errno 13)`.
    public var description: String { "\(message) (errno \(rawValue))" }
}

/// A failed system call: which call, on which path (if any), and the `errno` it set.
///
/// Its description is the one line an operator needs, e.g.
/// `open("/srv/x.txt"): Permission denied (errno 13)`.
public struct SystemCallError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The C function that failed, e.g. `open`.
    public var call: String
    /// The path the call worked on, for display (the daemon keeps the real name as bytes).
    public var path: String?
    /// The error number the call reported.
    public var errno: Errno

    public init(call: String, path: String? = nil, errno: Errno) {
        self.call = call
        self.path = path
        self.errno = errno
    }

    public var description: String {
        let target = path.map { "(\"\($0)\")" } ?? ""
        return "\(call)\(target): \(errno)"
    }
}

/// The one gateway for system calls: retries `EINTR` and turns failure into a ``SystemCallError``.
///
/// Every call into the C library that reports failure through `errno` goes through here, so
/// interrupted calls are never mistaken for failures and every error names its call and path.
public enum SystemCall {
    /// Runs `body` (a call returning `-1` on failure) until it is not interrupted.
    ///
    /// - Parameters:
    ///   - call: the C function's name, for the error.
    ///   - path: the path it works on, if any, for the error.
    ///   - retryOnInterrupt: pass `false` for calls that must not be repeated (`close` on Linux).
    @discardableResult
    public static func run<Value: FixedWidthInteger>(
        _ call: String, path: String? = nil, retryOnInterrupt: Bool = true, _ body: () -> Value
    ) throws(SystemCallError) -> Value {
        while true {
            let value = body()
            guard value == -1 else { return value }
            let error = Errno.current
            if retryOnInterrupt && error == .interrupted { continue }
            throw SystemCallError(call: call, path: path, errno: error)
        }
    }

    /// Runs `body` (a call returning `nil` on failure, e.g. `fdopendir`) until it is not interrupted.
    public static func pointer<Value>(
        _ call: String, path: String? = nil, retryOnInterrupt: Bool = true, _ body: () -> Value?
    ) throws(SystemCallError) -> Value {
        while true {
            if let value = body() { return value }
            let error = Errno.current
            if retryOnInterrupt && error == .interrupted { continue }
            throw SystemCallError(call: call, path: path, errno: error)
        }
    }
}
