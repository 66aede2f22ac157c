import Glibc
import SystemPackage

/// A failed system call: which call, on which path (if any), and the `errno` it set.
///
/// Its description is the one line an operator needs, e.g.
/// `open("/srv/x.txt"): Permission denied (errno 13)`.
package struct SystemCallError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The C function that failed, e.g. `open`.
    package var call: String
    /// The path the call worked on, for display (the daemon keeps the real name as bytes).
    package var path: String?
    /// The error number the call reported (swift-system's `Errno`, e.g. `.permissionDenied`).
    package var errno: Errno

    package init(call: String, path: String? = nil, errno: Errno) {
        self.call = call
        self.path = path
        self.errno = errno
    }

    /// The C library's text for the error, e.g. `Permission denied` (thread-safe `strerror_r`).
    package var message: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard strerror_r(errno.rawValue, &buffer, buffer.count) == 0 else { return "Unknown error \(errno.rawValue)" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    package var description: String {
        let target = path.map { "(\"\($0)\")" } ?? ""
        return "\(call)\(target): \(message) (errno \(errno.rawValue))"
    }

    /// The failure of `call` on `path` with the calling thread's current `errno`.
    package static func current(_ call: String, path: String? = nil) -> SystemCallError {
        SystemCallError(call: call, path: path, errno: Errno(rawValue: Glibc.errno))
    }
}

/// The one gateway for system calls: retries `EINTR` and turns failure into a ``SystemCallError``.
///
/// Every call into the C library that reports failure through `errno` goes through here, so
/// interrupted calls are never mistaken for failures and every error names its call and path.
package enum SystemCall {
    /// Runs `body` (a call returning `-1` on failure) until it is not interrupted.
    ///
    /// - Parameters:
    ///   - call: the C function's name, for the error.
    ///   - path: the path it works on, if any, for the error.
    ///   - retryOnInterrupt: pass `false` for calls that must not be repeated (`close` on Linux).
    @discardableResult
    package static func run<Value: FixedWidthInteger>(
        _ call: String, path: String? = nil, retryOnInterrupt: Bool = true, _ body: () -> Value
    ) throws(SystemCallError) -> Value {
        while true {
            let value = body()
            guard value == -1 else { return value }
            let error = SystemCallError.current(call, path: path)
            if retryOnInterrupt && error.errno == .interrupted { continue }
            throw error
        }
    }

    /// Runs `body`, a call that returns its error number instead of setting `errno` (`posix_spawn`
    /// and its attribute and file-action calls); 0 is success.
    package static func returningError(_ call: String, path: String? = nil, _ body: () -> CInt) throws(SystemCallError) {
        let result = body()
        guard result != 0 else { return }
        throw SystemCallError(call: call, path: path, errno: Errno(rawValue: result))
    }

    /// Runs `body` (a call returning `nil` on failure, e.g. `fdopendir`) until it is not interrupted.
    package static func pointer<Value>(
        _ call: String, path: String? = nil, retryOnInterrupt: Bool = true, _ body: () -> Value?
    ) throws(SystemCallError) -> Value {
        while true {
            if let value = body() { return value }
            let error = SystemCallError.current(call, path: path)
            if retryOnInterrupt && error.errno == .interrupted { continue }
            throw error
        }
    }

    /// `write(2)` until all of `bytes` is written: a short write goes on where it stopped, `EINTR` is retried.
    package static func writeAll(_ descriptor: CInt, _ bytes: [UInt8], path: String? = nil) throws(SystemCallError) {
        var written = 0
        while written < bytes.count {
            let offset = written
            written += try run("write", path: path) {
                bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            }
        }
    }
}
