import Glibc

/// What kind of file system object a mode (`st_mode & S_IFMT`) describes.
package enum FileKind: Hashable, Sendable, CustomStringConvertible {
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
    package init(mode: mode_t) {
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
    package var description: String {
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
package struct FileTime: Hashable, Sendable, Comparable {
    package var seconds: Int
    package var nanoseconds: Int

    package init(seconds: Int, nanoseconds: Int) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    init(_ time: timespec) { self.init(seconds: time.tv_sec, nanoseconds: time.tv_nsec) }

    package static func < (lhs: FileTime, rhs: FileTime) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }
}

/// The parts of `struct stat` nianbao decides on: type, size, links and change times.
package struct FileStatus: Hashable, Sendable {
    package var kind: FileKind
    package var size: Int
    /// `st_nlink`: more than one means another name can change the same bytes.
    package var linkCount: Int
    package var device: UInt64
    package var inode: UInt64
    package var modified: FileTime
    package var changed: FileTime

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
    package static func ofLink(atPath path: String) throws(SystemCallError) -> FileStatus {
        var st = stat()
        try SystemCall.run("lstat", path: path) { lstat(path, &st) }
        return FileStatus(st)
    }
}
