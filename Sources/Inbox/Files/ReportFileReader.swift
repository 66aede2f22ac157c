import Glibc
import ReportValidation

/// What reading a report produced: its bytes, or why there are none to judge.
package enum ReportFileContent: Hashable, Sendable {
    /// The whole file, byte for byte.
    case bytes([UInt8])
    /// Not read (or not kept): why, and the size `fstat` gave (nil for what is not a regular file).
    case refused(InputProblem, size: Int?)
}

/// The one way nianbao reads a report, for `check`, the daemon and every later consumer: relative to
/// an open folder, by the name's exact bytes, under one policy for what strangers can drop in a folder.
///
/// Only a regular file with one name, within the size limit, is read. A symbolic link is never followed,
/// a FIFO, device or socket never opened (so nothing blocks), a hard link never read (another name could
/// change it after the verdict), a file that grows past the limit while it is read is refused, and one the
/// process may not open is refused as ``InputProblem/permissionDenied`` rather than thrown.
package struct ReportFileReader: Sendable {
    /// Files larger than this many bytes are refused unread (FILE-005).
    package var maximumSize: Int

    /// How a report is opened: never through a link, never waiting, never inherited, never a terminal.
    static let openFlags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY

    package init(maximumSize: Int) {
        precondition(maximumSize >= 0, "maximumSize must not be negative")
        self.maximumSize = maximumSize
    }

    /// Reads `name` (a name, or a relative path of names as bytes) in `folder`.
    ///
    /// - Throws: ``SystemCallError`` when there is no such entry, or for faults worth retrying (I/O
    ///   error, out of memory…); everything a sender can cause is a ``ReportFileContent/refused(_:size:)``.
    package func read(_ name: FileName, in folder: DirectoryHandle) throws(SystemCallError) -> ReportFileContent {
        let found: FileStatus?
        do {
            found = try folder.status(of: name)
        } catch  where error.errno == .permissionDenied {
            return .refused(.permissionDenied, size: nil)  // A folder on the way may not be searched.
        }
        guard let entry = found else {
            throw SystemCallError(call: "fstatat", path: folder.shown(name), errno: .noSuchFileOrDirectory)
        }
        // Decided from fstatat alone, so a device or FIFO is never opened at all.
        if let problem = problem(with: entry) { return .refused(problem, size: entry.kind == .regular ? entry.size : nil) }
        let path = folder.shown(name)
        let descriptor: CInt
        do {
            descriptor = try SystemCall.run("open", path: path) { openat(folder.descriptor, name.cString, Self.openFlags) }
        } catch {
            switch error.errno {
            case .permissionDenied, .notPermitted: return .refused(.permissionDenied, size: entry.size)
            // Replaced between fstatat and open: O_NOFOLLOW gives ELOOP on a link, open gives ENXIO on a socket.
            case .tooManySymbolicLinkLevels: return .refused(.symbolicLink, size: nil)
            case .noSuchAddressOrDevice: return .refused(.specialFile(.socket), size: nil)
            default: throw error
            }
        }
        let file = OwnedFileDescriptor(owning: descriptor, path: path)
        // The open file decides: whatever the name pointed to before, this is what would be read.
        let status = try file.status()
        if let problem = problem(with: status) { return .refused(problem, size: status.kind == .regular ? status.size : nil) }
        // Read one byte past the limit to notice a file that grew after fstat.
        let bytes = try Self.readAll(file, expected: status.size, limit: maximumSize == .max ? .max : maximumSize + 1)
        guard bytes.count <= maximumSize else { return .refused(.tooLarge(size: bytes.count, limit: maximumSize), size: bytes.count) }
        return .bytes(bytes)
    }

    /// Why a file with `status` is not read, or nil when it may be.
    func problem(with status: FileStatus) -> InputProblem? {
        guard status.kind == .regular else { return status.kind.inputProblem }
        guard status.linkCount == 1 else { return .hardLink(names: status.linkCount) }
        guard status.size <= maximumSize else { return .tooLarge(size: status.size, limit: maximumSize) }
        return nil
    }

    /// The names of the reports directly in `folder`, in byte order: every entry but subfolders and
    /// dotfiles. A symbolic link, FIFO or device is listed — it is judged and refused, as the daemon does.
    ///
    /// - Throws: ``SystemCallError`` when the folder cannot be read.
    package static func reportNames(in folder: DirectoryHandle) throws -> [FileName] {
        var names: [FileName] = []
        try folder.forEachEntry { (name, kind) throws(SystemCallError) in
            guard name.bytes.first != UInt8(ascii: ".") else { return }
            // Some file systems do not fill d_type: ask, without following links.
            let known: FileKind? = if let kind { kind } else { try folder.status(of: name)?.kind }
            guard let known, known != .directory else { return }  // Vanished, or a subfolder.
            names.append(name)
        }
        return names.sorted()
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
}

extension FileKind {
    /// The input problem of an entry of this kind where a report was expected; nil for a regular file.
    var inputProblem: InputProblem? {
        switch self {
        case .regular: nil
        case .directory: .directory
        case .symbolicLink: .symbolicLink
        case .fifo: .specialFile(.fifo)
        case .characterDevice: .specialFile(.characterDevice)
        case .blockDevice: .specialFile(.blockDevice)
        case .socket: .specialFile(.socket)
        case .unknown: .specialFile(.unknown)
        }
    }
}
