import Glibc

/// Flags for `open(2)` beyond the access mode, printed by their C names.
public struct OpenOptions: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: CInt
    public init(rawValue: CInt) { self.rawValue = rawValue }

    /// `O_NOFOLLOW`: fail with `ELOOP` rather than follow a symbolic link in the last component.
    public static let noFollow = OpenOptions(rawValue: O_NOFOLLOW)
    /// `O_NONBLOCK`: opening a FIFO or device never waits for the other end.
    public static let nonBlocking = OpenOptions(rawValue: O_NONBLOCK)
    /// `O_CLOEXEC`: the descriptor does not leak into child processes.
    public static let closeOnExec = OpenOptions(rawValue: O_CLOEXEC)
    /// `O_DIRECTORY`: fail with `ENOTDIR` unless the path is a directory.
    public static let directory = OpenOptions(rawValue: O_DIRECTORY)
    /// `O_NOCTTY`: a terminal never becomes the controlling terminal.
    public static let noControllingTerminal = OpenOptions(rawValue: O_NOCTTY)

    private static let names: [(OpenOptions, String)] = [
        (.noFollow, "O_NOFOLLOW"), (.nonBlocking, "O_NONBLOCK"), (.closeOnExec, "O_CLOEXEC"),
        (.directory, "O_DIRECTORY"), (.noControllingTerminal, "O_NOCTTY"),
    ]

    /// E.g. `O_NOFOLLOW|O_NONBLOCK|O_CLOEXEC`; unknown bits are shown in hex.
    public var description: String {
        var rest = self
        var parts: [String] = []
        for (option, name) in Self.names where rest.contains(option) {
            parts.append(name)
            rest.remove(option)
        }
        if rest.rawValue != 0 { parts.append("0x" + String(rest.rawValue, radix: 16)) }
        return parts.isEmpty ? "[]" : parts.joined(separator: "|")
    }
}

/// What kind of file system object a mode (`st_mode & S_IFMT`) describes.
public enum FileKind: Hashable, Sendable, CustomStringConvertible {
    case regular
    case directory
    case symbolicLink
    case fifo
    case characterDevice
    case blockDevice
    case socket
    /// A type bit pattern Linux does not define.
    case unknown(mode: UInt32)

    /// Classifies the type bits of `st_mode`.
    public init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFLNK: self = .symbolicLink
        case S_IFIFO: self = .fifo
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFSOCK: self = .socket
        default: self = .unknown(mode: mode & S_IFMT)
        }
    }

    /// Plain English, as it appears in a finding: `regular file`, `symbolic link`, `FIFO`…
    public var description: String {
        switch self {
        case .regular: "regular file"
        case .directory: "directory"
        case .symbolicLink: "symbolic link"
        case .fifo: "FIFO"
        case .characterDevice: "character device"
        case .blockDevice: "block device"
        case .socket: "socket"
        case .unknown(let mode): "unknown file type 0o" + String(mode, radix: 8)
        }
    }
}

/// A point in time from `struct stat`, to the nanosecond.
public struct FileTime: Hashable, Sendable, Comparable {
    public var seconds: Int
    public var nanoseconds: Int

    public init(seconds: Int, nanoseconds: Int) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    init(_ time: timespec) { self.init(seconds: time.tv_sec, nanoseconds: time.tv_nsec) }

    public static func < (lhs: FileTime, rhs: FileTime) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }
}

/// The parts of `struct stat` nianbao decides on: type, size, links and change times.
public struct FileStatus: Hashable, Sendable {
    public var kind: FileKind
    public var size: Int
    /// `st_nlink`: more than one means another name can change the same bytes.
    public var linkCount: Int
    public var device: UInt64
    public var inode: UInt64
    public var modified: FileTime
    public var changed: FileTime

    init(_ st: stat) {
        kind = FileKind(mode: st.st_mode)
        size = Int(st.st_size)
        linkCount = Int(st.st_nlink)
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        modified = FileTime(st.st_mtim)
        changed = FileTime(st.st_ctim)
    }

    /// `lstat(2)`: the status of `path` itself, never of a symbolic link's target.
    public static func ofLink(atPath path: String) throws(SystemCallError) -> FileStatus {
        var st = stat()
        try SystemCall.run("lstat", path: path) { lstat(path, &st) }
        return FileStatus(st)
    }
}

/// An open file descriptor that is closed exactly once, when its owner goes away.
///
/// Non-copyable, so a descriptor cannot be closed twice or leaked by a forgotten copy. `close`
/// errors are ignored: every descriptor nianbao opens through this type is read-only.
public struct FileDescriptor: ~Copyable {
    /// The raw descriptor, valid while `self` lives.
    public let rawValue: CInt
    /// The path it was opened with, for error messages.
    public let path: String?

    /// Takes ownership of `rawValue`.
    public init(owning rawValue: CInt, path: String?) {
        self.rawValue = rawValue
        self.path = path
    }

    /// `open(path, O_RDONLY | options)`.
    public static func openReadOnly(
        _ path: String, options: OpenOptions
    ) throws(SystemCallError) -> FileDescriptor {
        let fd = try SystemCall.run("open", path: path) { open(path, O_RDONLY | options.rawValue) }
        return FileDescriptor(owning: fd, path: path)
    }

    /// `fstat(2)` on the open file: the object actually opened, whatever its name now points to.
    public func status() throws(SystemCallError) -> FileStatus {
        var st = stat()
        try SystemCall.run("fstat", path: path) { fstat(rawValue, &st) }
        return FileStatus(st)
    }

    /// `read(2)` into `buffer`; returns the number of bytes read, 0 at end of file.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError) -> Int {
        try SystemCall.run("read", path: path) { Glibc.read(rawValue, buffer.baseAddress, buffer.count) }
    }

    deinit {
        // Linux closes the descriptor even when close() reports EINTR: never retry.
        _ = Glibc.close(rawValue)
    }
}
