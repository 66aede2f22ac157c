import Glibc

/// Flags for `open(2)` beyond the access mode, printed by their C names.
///
/// Named apart from swift-system's `FileDescriptor.OpenOptions`, which this module also sees.
package struct OpenFlags: OptionSet, Hashable, Sendable, CustomStringConvertible {
    package let rawValue: CInt
    package init(rawValue: CInt) { self.rawValue = rawValue }

    /// `O_NOFOLLOW`: fail with `ELOOP` rather than follow a symbolic link in the last component.
    package static let noFollow = OpenFlags(rawValue: O_NOFOLLOW)
    /// `O_NONBLOCK`: opening a FIFO or device never waits for the other end.
    package static let nonBlocking = OpenFlags(rawValue: O_NONBLOCK)
    /// `O_CLOEXEC`: the descriptor does not leak into child processes.
    package static let closeOnExec = OpenFlags(rawValue: O_CLOEXEC)
    /// `O_DIRECTORY`: fail with `ENOTDIR` unless the path is a directory.
    package static let directory = OpenFlags(rawValue: O_DIRECTORY)
    /// `O_NOCTTY`: a terminal never becomes the controlling terminal.
    package static let noControllingTerminal = OpenFlags(rawValue: O_NOCTTY)

    private static let names: [(OpenFlags, String)] = [
        (.noFollow, "O_NOFOLLOW"), (.nonBlocking, "O_NONBLOCK"), (.closeOnExec, "O_CLOEXEC"),
        (.directory, "O_DIRECTORY"), (.noControllingTerminal, "O_NOCTTY"),
    ]

    /// E.g. `O_NOFOLLOW|O_NONBLOCK|O_CLOEXEC`; unknown bits are shown in hex.
    package var description: String { FlagNames.describe(self, names: Self.names) }
}

/// An open file descriptor that is closed exactly once, when its owner goes away.
///
/// Unlike swift-system's copyable `FileDescriptor`, it cannot be forgotten open, and its
/// failures are ``SystemCallError``s that name the call and path.
///
/// Non-copyable, so a descriptor cannot be closed twice or leaked by a forgotten copy. `close`
/// errors are ignored: every descriptor nianbao opens through this type is read-only.
package struct OwnedFileDescriptor: ~Copyable {
    /// The raw descriptor, valid while `self` lives.
    package let rawValue: CInt
    /// The path it was opened with, for error messages.
    package let path: String?

    /// Takes ownership of `rawValue`.
    package init(owning rawValue: CInt, path: String?) {
        self.rawValue = rawValue
        self.path = path
    }

    /// `open(path, O_RDONLY | options)`.
    package static func openReadOnly(
        _ path: String, options: OpenFlags
    ) throws(SystemCallError) -> OwnedFileDescriptor {
        let fd = try SystemCall.run("open", path: path) { open(path, O_RDONLY | options.rawValue) }
        return OwnedFileDescriptor(owning: fd, path: path)
    }

    /// `fstat(2)` on the open file: the object actually opened, whatever its name now points to.
    package func status() throws(SystemCallError) -> FileStatus {
        var st = stat()
        try SystemCall.run("fstat", path: path) { fstat(rawValue, &st) }
        return FileStatus(st)
    }

    /// `read(2)` into `buffer`; returns the number of bytes read, 0 at end of file.
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError) -> Int {
        try SystemCall.run("read", path: path) { Glibc.read(rawValue, buffer.baseAddress, buffer.count) }
    }

    deinit {
        // Linux closes the descriptor even when close() reports EINTR: never retry.
        _ = Glibc.close(rawValue)
    }
}
