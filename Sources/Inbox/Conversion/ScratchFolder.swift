import Glibc

/// A private folder (`mkdtemp`, mode 0700) for one run of a converter that works on files, removed
/// with everything in it by ``remove()``.
///
/// It is made under `$TMPDIR` when that is an absolute path, else `/tmp`: under the systemd unit
/// (`PrivateTmp=yes`) that is the service's own `/tmp`, which no one else sees.
struct ScratchFolder {
    /// The folder's absolute path.
    let path: String
    /// The folder, opened once: every file in it is made and read relative to this descriptor.
    let directory: DirectoryHandle

    /// Creates `BASE/nianbao-PURPOSE.XXXXXX`.
    init(purpose: String) throws(SystemCallError) {
        let template = Self.base() + "/nianbao-\(purpose).XXXXXX"
        guard let buffer = strdup(template) else { throw SystemCallError(call: "strdup", errno: .noMemory) }
        defer { free(buffer) }
        _ = try SystemCall.pointer("mkdtemp", path: template) { mkdtemp(buffer) }
        let made = String(cString: buffer)
        path = made
        do {
            directory = try DirectoryHandle(path: made)
        } catch {
            _ = Glibc.rmdir(made)
            throw error
        }
    }

    /// `$TMPDIR` if it is an absolute path, else `/tmp`.
    static func base() -> String {
        guard let value = getenv("TMPDIR").map({ String(cString: $0) }), value.hasPrefix("/") else { return "/tmp" }
        return value.count > 1 && value.hasSuffix("/") ? String(value.dropLast()) : value
    }

    /// `path/relative`, for arguments and messages.
    func path(_ relative: String) -> String { path + "/" + relative }

    /// Makes the folder `relative` (its parent must exist), mode 0700.
    func makeFolder(_ relative: String) throws(SystemCallError) {
        try directory.makeDirectory(FileName(relative))
    }

    /// Creates the file `relative` (it must not exist) holding `bytes`.
    func write(_ relative: String, _ bytes: [UInt8]) throws(SystemCallError) {
        try directory.createFile(FileName(relative), contents: bytes)
    }

    /// The regular file `relative` (never through a link), or nil when there is none; bytes past
    /// `limit` are not read, so a larger file comes back with `limit + 1` bytes.
    func read(_ relative: String, limit: Int) throws(SystemCallError) -> [UInt8]? {
        let name = FileName(relative)
        guard let status = try directory.status(of: name), status.kind == .regular else { return nil }
        let descriptor = try SystemCall.run("open", path: path(relative)) {
            openat(directory.descriptor, name.cString, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        }
        let file = OwnedFileDescriptor(owning: descriptor, path: path(relative))
        return try ReportFileReader.readAll(file, expected: min(status.size, limit), limit: limit + 1)
    }

    /// Removes the folder and everything in it, never following a link; what cannot be removed stays.
    func remove() {
        try? Self.removeContents(of: directory)
        _ = try? SystemCall.run("rmdir", path: path) { rmdir(path) }
    }

    /// Empties `folder`: files and links are unlinked, subfolders emptied and removed.
    private static func removeContents(of folder: DirectoryHandle) throws(SystemCallError) {
        var entries: [(FileName, FileKind?)] = []
        try folder.forEachEntry { (name, kind) throws(SystemCallError) in entries.append((name, kind)) }
        for (name, kind) in entries {
            let known = if let kind { kind } else { try folder.status(of: name)?.kind }
            if known == .directory {
                try removeContents(of: try folder.subdirectory(name))
                try? folder.removeDirectory(name)
            } else if known != nil {
                try? folder.removeFile(name)
            }
        }
    }
}
