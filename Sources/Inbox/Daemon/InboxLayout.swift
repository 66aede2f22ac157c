import Glibc

/// The four folders under the root, open, checked to be directories on one file system.
///
/// One file system is what makes every step a `rename`: atomic, never a copy that a crash could
/// leave half-written. A layout that breaks this is refused at start, before anything is touched.
struct InboxLayout: Sendable {
    let root: String
    let inbox: DirectoryHandle
    let accepted: DirectoryHandle
    let rejected: DirectoryHandle
    let work: DirectoryHandle

    /// The private work folder's name under the root.
    static let workFolder = ".work"

    /// Opens (creating what is missing) `inbox/`, `accepted/`, `rejected/` and `.work/` under `root`.
    ///
    /// - Throws: ``InboxError``: the root is missing (and cannot be made in its parent), a folder cannot be created or written, is not a
    ///   directory, or is on another file system than `inbox/`.
    static func prepare(root: String) throws(InboxError) -> InboxLayout {
        let rootDirectory: DirectoryHandle
        do {
            // A missing root is made (one level, as the tests and a fresh install expect); a missing
            // parent is not: that is a typo in the configuration, refused.
            if mkdir(root, 0o777) != 0 && errno != EEXIST {
                throw SystemCallError.current("mkdir", path: root)
            }
            rootDirectory = try DirectoryHandle(path: root, followingLinks: true)
        } catch let error as SystemCallError {
            throw .rootMissing(path: root, error)
        } catch {
            throw .rootMissing(path: root, SystemCallError(call: "open", path: root, errno: .ioError))
        }
        let inbox = try folder("inbox", in: rootDirectory, mode: 0o777)
        let accepted = try folder("accepted", in: rootDirectory, mode: 0o777)
        let rejected = try folder("rejected", in: rootDirectory, mode: 0o777)
        let work = try folder(workFolder, in: rootDirectory, mode: 0o700)
        let inboxDevice = try device(of: inbox, "inbox")
        for (name, handle) in [("accepted", accepted), ("rejected", rejected), (workFolder, work)] {
            guard try device(of: handle, name) == inboxDevice else {
                throw .crossDevice(folder: name, path: handle.path, inbox: inbox.path)
            }
        }
        return InboxLayout(root: root, inbox: inbox, accepted: accepted, rejected: rejected, work: work)
    }

    /// The output folder of a verdict.
    func output(_ folder: OutputFolder) -> DirectoryHandle {
        folder == .accepted ? accepted : rejected
    }

    /// Opens `name` under the root, creating it with `mode` (umask applies) when missing, and checks
    /// that the daemon may create and rename entries in it.
    private static func folder(_ name: String, in root: DirectoryHandle, mode: mode_t) throws(InboxError) -> DirectoryHandle {
        let entry = FileName(name)
        let path = root.shown(entry)
        let status: FileStatus?
        do {
            status = try root.status(of: entry)
        } catch {
            throw .folderUnusable(folder: name, path: path, error)
        }
        if let status, status.kind != .directory { throw .notADirectory(folder: name, path: path) }
        if status == nil {
            do {
                try root.makeDirectory(entry, mode: mode)
            } catch {
                // Created by someone else meanwhile is fine: it is checked below like any other.
                if error.errno != .fileExists { throw .folderUnusable(folder: name, path: path, error) }
            }
        }
        let handle: DirectoryHandle
        do {
            handle = try root.subdirectory(entry)
        } catch {
            if error.errno == .tooManySymbolicLinkLevels || error.errno == .notDirectory {
                throw .notADirectory(folder: name, path: path)
            }
            throw .folderUnusable(folder: name, path: path, error)
        }
        do {
            try SystemCall.run("access", path: path) { faccessat(root.descriptor, entry.cString, W_OK | X_OK, 0) }
        } catch {
            throw .folderUnusable(folder: name, path: path, error)
        }
        return handle
    }

    private static func device(of handle: DirectoryHandle, _ name: String) throws(InboxError) -> UInt64 {
        do {
            return try handle.status().device
        } catch {
            throw .folderUnusable(folder: name, path: handle.path, error)
        }
    }
}

/// Where a judged report goes.
package enum OutputFolder: String, Sendable, Hashable, CaseIterable {
    case accepted
    case rejected
}
