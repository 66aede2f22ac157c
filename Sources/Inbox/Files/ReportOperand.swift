/// A report path named on the command line, opened the way the daemon opens what it judges: a folder
/// of reports, or one report by its name in its open parent folder.
package enum ReportOperand {
    /// A folder: its reports are ``ReportFileReader/reportNames(in:)``.
    case folder(DirectoryHandle)
    /// One report: `name`, never followed, in `folder`.
    case file(folder: DirectoryHandle, name: FileName)

    /// Opens what `path` (bytes: a path from `argv` need not be UTF-8) names.
    ///
    /// A folder, or a symbolic link to one, is a folder: the administrator named it. Anything else is a
    /// file, opened relative to its parent folder with its last name unfollowed, so a file that is itself
    /// a symbolic link is judged (and rejected, as the daemon rejects one) and what it points to never read.
    ///
    /// - Throws: ``SystemCallError`` when the folder, or the file's parent folder, cannot be opened.
    package static func open(_ path: [UInt8]) throws(SystemCallError) -> ReportOperand {
        let whole: SystemCallError
        do {
            return .folder(try DirectoryHandle(pathBytes: path, followingLinks: true))
        } catch {
            whole = error
        }
        // `report.txt/` names a folder; so does a path whose last name is `.` or `..`.
        var trimmed = path[...]
        while trimmed.count > 1, trimmed.last == UInt8(ascii: "/") { trimmed.removeLast() }
        guard trimmed.count == path.count else { throw whole }
        let slash = trimmed.lastIndex(of: UInt8(ascii: "/"))
        let name = FileName(Array(trimmed[(slash.map { $0 + 1 } ?? trimmed.startIndex)...]))
        guard !name.bytes.isEmpty, name.bytes != [0x2E], name.bytes != [0x2E, 0x2E] else { throw whole }
        let parent: [UInt8] =
            switch slash {
            case nil: [UInt8(ascii: ".")]
            case trimmed.startIndex?: [UInt8(ascii: "/")]
            case let index?: Array(trimmed[..<index])
            }
        // A parent that cannot be opened (missing…): the path's own error names the whole path.
        guard let folder = try? DirectoryHandle(pathBytes: parent, followingLinks: true) else { throw whole }
        // A folder that could not be opened (permission denied…) is that error, not a file to judge.
        if try folder.status(of: name)?.kind == .directory { throw whole }
        return .file(folder: folder, name: name)
    }
}
