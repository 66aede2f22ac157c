import SystemPackage

/// Why the daemon cannot start or cannot go on: each case is one clear sentence for the journal.
package enum InboxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The root folder does not exist or is not a directory.
    case rootMissing(path: String, SystemCallError)
    /// A folder of the layout cannot be created, opened or written.
    case folderUnusable(folder: String, path: String, SystemCallError)
    /// A folder of the layout is not a directory (a file, or a symbolic link, stands in its place).
    case notADirectory(folder: String, path: String)
    /// A folder lies on another file system than `inbox/`: reports could not be moved atomically.
    case crossDevice(folder: String, path: String, inbox: String)
    /// The inbox watch is gone (folder deleted, moved or unmounted): going on would be blind.
    case watchLost(path: String, event: InotifyEventMask)
    /// The inotify descriptor could not be read or the event stream ended unexpectedly.
    case watchFailed(path: String, reason: String)

    /// The error number that names the failure for `ERRNO=` (sd_notify): the failing call's own, else
    /// the closest one (`ENOTDIR`, `EXDEV`, `ENOENT` for a lost watch, `EIO`).
    package var errno: Errno {
        switch self {
        case .rootMissing(_, let error), .folderUnusable(_, _, let error): error.errno
        case .notADirectory: .notDirectory
        case .crossDevice: .improperLink
        case .watchLost: .noSuchFileOrDirectory
        case .watchFailed: .ioError
        }
    }

    package var description: String {
        switch self {
        case .rootMissing(let path, let error):
            "the root folder \(path) is missing or unusable: \(error)"
        case .folderUnusable(let folder, let path, let error):
            "the \(folder)/ folder (\(path)) cannot be used: \(error)"
        case .notADirectory(let folder, let path):
            "the \(folder)/ folder (\(path)) is not a directory (a symbolic link or file is in its place)"
        case .crossDevice(let folder, let path, let inbox):
            "the \(folder)/ folder (\(path)) is on another file system than inbox/ (\(inbox)): "
                + "reports cannot be moved there atomically; put inbox/, accepted/, rejected/ and .work/ on one file system"
        case .watchLost(let path, let event):
            "lost the watch on \(path) (\(event)): the inbox was deleted, moved or unmounted; exiting so the service restarts"
        case .watchFailed(let path, let reason):
            "the watch on \(path) failed: \(reason)"
        }
    }
}
