import Glibc
import ReportValidation
import SystemPackage

/// What reading a report file produced: its bytes, or why there are none to judge.
public enum ReportFileContent: Hashable, Sendable {
    /// The whole file, byte for byte.
    case bytes([UInt8])
    /// Not a regular file (a symbolic link, FIFO, device, directory or socket); `kind` names it,
    /// e.g. `symbolic link`. Nothing behind it was read.
    case notRegular(kind: String)
    /// A regular file that cannot be a report as it stands (e.g. over the size limit).
    case problem(InputProblem)
}

/// Reads report files safely from a folder that strangers write to.
///
/// Names are `String`s for the command line. The daemon will work on raw name bytes
/// (`FilePath`), because a GBK-encoded name is not valid UTF-8 and would not survive a
/// round trip through `String`.
public enum ReportFile {
    /// How a report is opened: never follow a symbolic link, never block on a FIFO or device,
    /// never leak the descriptor into a child process.
    public static let openFlags: OpenFlags = [.noFollow, .nonBlocking, .closeOnExec, .noControllingTerminal]

    /// Reads the regular file at `path`, refusing anything else without reading it.
    ///
    /// A symbolic link is refused, never followed; a FIFO or device is opened non-blocking and
    /// refused after `fstat`; a file larger than `maxSize` bytes is refused without reading it.
    /// A file that grows past `maxSize` while it is read is refused too (its `size` is then the
    /// number of bytes seen, which is `maxSize + 1`).
    ///
    /// - Throws: ``SystemCallError`` when the file cannot be opened or read (missing,
    ///   permission denied, I/O error…).
    public static func read(path: String, maxSize: Int) throws(SystemCallError) -> ReportFileContent {
        precondition(maxSize >= 0, "maxSize must not be negative")
        let file: OwnedFileDescriptor
        do {
            file = try OwnedFileDescriptor.openReadOnly(path, options: openFlags)
        } catch {
            // O_NOFOLLOW on a symbolic link gives ELOOP; open() on a socket gives ENXIO.
            // Name the object instead of reporting an errno that reads like a fault.
            if error.errno == .tooManySymbolicLinkLevels || error.errno == .noSuchAddressOrDevice,
                let status = try? FileStatus.ofLink(atPath: path), status.kind != .regular
            {
                return .notRegular(kind: status.kind.description)
            }
            throw error
        }
        let status = try file.status()
        guard status.kind == .regular else { return .notRegular(kind: status.kind.description) }
        guard status.size <= maxSize else { return .problem(.tooLarge(size: status.size, limit: maxSize)) }
        // Read one byte past the limit to notice a file that grew after fstat.
        let bytes = try readAll(file, expected: status.size, limit: maxSize == .max ? .max : maxSize + 1)
        guard bytes.count <= maxSize else { return .problem(.tooLarge(size: bytes.count, limit: maxSize)) }
        return .bytes(bytes)
    }

    /// Reads until end of file or until `limit` bytes; `expected` (from `fstat`) sizes the buffer.
    static func readAll(_ file: borrowing OwnedFileDescriptor, expected: Int, limit: Int) throws(SystemCallError) -> [UInt8] {
        // One byte more than expected, so a file read at its stat size ends with one read()
        // returning 0 rather than a buffer regrowth.
        var bytes = [UInt8](repeating: 0, count: min(expected + 1, limit))
        var total = 0
        while total < limit {
            if total == bytes.count {
                let grown = min(max(bytes.count * 2, 4096), limit)
                bytes.append(contentsOf: repeatElement(0, count: grown - bytes.count))
            }
            // withUnsafeMutableBytes only rethrows untyped errors: carry the typed one out as a Result.
            let result = bytes.withUnsafeMutableBytes { buffer in
                Result { () throws(SystemCallError) in
                    try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[total...]))
                }
            }
            let count = try result.get()
            if count == 0 { break }
            total += count
        }
        bytes.removeLast(bytes.count - total)
        return bytes
    }

    /// The regular files directly in `directory`, by name, in byte order; dotfiles are skipped.
    ///
    /// Returns names, not paths. Symbolic links, subdirectories, FIFOs and other non-regular
    /// entries are left out. A name that is not valid UTF-8 comes back with U+FFFD in place of
    /// the bad bytes (and so cannot be opened by that name); the daemon avoids this by keeping
    /// names as bytes.
    ///
    /// - Throws: ``SystemCallError`` when the directory cannot be opened or read.
    public static func listReports(inDirectory directory: String) throws(SystemCallError) -> [String] {
        let stream = try SystemCall.pointer("opendir", path: directory) { opendir(directory) }
        defer { closedir(stream) }
        let fd = dirfd(stream)
        var names: [[UInt8]] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw SystemCallError.current("readdir", path: directory) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            guard let first = name.first, first != UInt8(ascii: ".") else { continue }
            let kind: FileKind
            switch Int(entry.pointee.d_type) {
            case DT_REG: kind = .regular
            case DT_UNKNOWN:
                // Some file systems do not fill d_type: ask, without following links.
                var st = stat()
                let cName = name.map { CChar(bitPattern: $0) } + [0]
                let shown = directory + "/" + String(decoding: name, as: UTF8.self)
                do {
                    try SystemCall.run("fstatat", path: shown) { fstatat(fd, cName, &st, AT_SYMLINK_NOFOLLOW) }
                } catch where error.errno == .noSuchFileOrDirectory {
                    continue  // Vanished between readdir and fstatat: not a file to list.
                }
                kind = FileKind(mode: st.st_mode)
            default: continue
            }
            if kind == .regular { names.append(name) }
        }
        names.sort { $0.lexicographicallyPrecedes($1) }
        return names.map { String(decoding: $0, as: UTF8.self) }
    }
}
