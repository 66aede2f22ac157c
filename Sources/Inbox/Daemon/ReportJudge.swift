import Crypto
import Glibc
import ReportValidation

/// Judges a claimed report — the daemon's private copy — and renders its two findings files.
///
/// Nothing but a regular file with one link is ever opened: a symbolic link, FIFO, device, socket or
/// directory is rejected from its `fstatat` alone, so a link's target is never read and a FIFO never
/// blocks. A file over the size limit is rejected unread.
struct ReportJudge: Sendable {
    var check: ReportCheck
    var maximumFileSize: Int
    var language: Language

    /// How a claimed report is opened: never through a link, never waiting, never inherited.
    static let openFlags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY

    init(settings: InboxSettings, legacyDecoder: (any LegacyTextDecoder)?, pdfExtractor: (any PDFTextExtractor)? = nil) {
        check = ReportCheck(
            validator: Validator(severityOverrides: settings.severityOverrides), legacyDecoder: legacyDecoder,
            pdfExtractor: pdfExtractor)
        maximumFileSize = settings.maximumFileSize
        language = settings.language
    }

    /// Reads and judges `name` (a name or a relative path) in `folder`; `fileName` is the report's
    /// own name, which helps sniff its format.
    ///
    /// - Throws: ``SystemCallError`` only for faults worth retrying (I/O error, out of memory…);
    ///   a file the daemon may not read is rejected as unreadable instead.
    func judge(_ name: FileName, in folder: DirectoryHandle, fileName: FileName, currentYear: Int) throws(SystemCallError)
        -> Judgement
    {
        guard let status = try folder.status(of: name) else {
            throw SystemCallError(call: "fstatat", path: folder.shown(name), errno: .noSuchFileOrDirectory)
        }
        guard status.kind == .regular else {
            return Judgement(report: check.reject(.unsupportedFormat(kind: status.kind.description), currentYear: currentYear),
                size: nil, sha256: nil)
        }
        guard status.linkCount == 1 else {
            let kind = "hard link (\(status.linkCount) names for one file)"
            return Judgement(report: check.reject(.unsupportedFormat(kind: kind), currentYear: currentYear),
                size: status.size, sha256: nil)
        }
        guard status.size <= maximumFileSize else {
            return Judgement(report: check.reject(.tooLarge(size: status.size, limit: maximumFileSize), currentYear: currentYear),
                size: status.size, sha256: nil)
        }
        let bytes: [UInt8]
        do {
            bytes = try read(name, in: folder, expected: status)
        } catch where error.errno == .permissionDenied || error.errno == .notPermitted {
            let kind = "unreadable file (\(error.message))"
            return Judgement(report: check.reject(.unsupportedFormat(kind: kind), currentYear: currentYear),
                size: status.size, sha256: nil)
        }
        let digest = Array(SHA256.hash(data: bytes)).map(FileName.hexDigits).joined()
        guard bytes.count <= maximumFileSize else {
            return Judgement(report: check.reject(.tooLarge(size: bytes.count, limit: maximumFileSize), currentYear: currentYear),
                size: bytes.count, sha256: nil)
        }
        return Judgement(report: check.check(bytes: bytes, fileName: fileName.shown, currentYear: currentYear),
            size: bytes.count, sha256: digest)
    }

    /// The verdict on a report set aside after `attempts` processes died judging it: rejected with
    /// FILE-007, its size from `fstatat` and nothing read, so the crash cannot happen again.
    func setAside(_ name: FileName, in folder: DirectoryHandle, attempts: Int, currentYear: Int) throws(SystemCallError)
        -> Judgement
    {
        let status = try folder.status(of: name)
        return Judgement(report: check.reject(.checkAbandoned(attempts: attempts), currentYear: currentYear),
            size: status?.kind == .regular ? status?.size : nil, sha256: nil, setAsideAfter: attempts)
    }

    /// The file's bytes (up to one past the limit), checked to be the very file `fstatat` saw.
    private func read(_ name: FileName, in folder: DirectoryHandle, expected: FileStatus) throws(SystemCallError) -> [UInt8] {
        let path = folder.shown(name)
        let file = OwnedFileDescriptor(
            owning: try SystemCall.run("open", path: path) { openat(folder.descriptor, name.cString, Self.openFlags) },
            path: path)
        let status = try file.status()
        guard status.kind == .regular, status.inode == expected.inode, status.device == expected.device else {
            throw SystemCallError(call: "open", path: path, errno: .noSuchFileOrDirectory)
        }
        let limit = maximumFileSize == .max ? .max : maximumFileSize + 1
        return try ReportFile.readAll(file, expected: status.size, limit: limit)
    }

    /// The two findings files of a judged report that will be named `finalName`.
    func findings(_ judgement: Judgement, original: FileName, finalName: FileName, claimedAt: WallTime, judgedAt: WallTime)
        -> (json: [UInt8], text: [UInt8])
    {
        let file = CheckedFile(path: finalName.shown, report: judgement.report)
        let receipt = FindingsReceipt(
            originalName: original.shown, originalNameHex: original.isValidUTF8 ? nil : original.hex,
            size: judgement.size, sha256: judgement.sha256,
            receivedAt: claimedAt.rfc3339, judgedAt: judgedAt.rfc3339)
        let json = FindingsJSON(language: language).render(file, receipt: receipt)
        let text = FindingsText(language: language).render(file)
        return (Array(json.utf8), Array(text.utf8))
    }
}

/// The outcome of judging one report, with the facts the findings JSON and the log line carry.
struct Judgement: Sendable {
    var report: CheckedReport
    /// Bytes read (nil for what is not a regular file).
    var size: Int?
    /// SHA-256 of the bytes in hex (nil when they were not read).
    var sha256: String?
    /// Set when the report was set aside unjudged after this many interrupted attempts (FILE-007).
    var setAsideAfter: Int? = nil

    var folder: OutputFolder { report.result.verdict == .accepted ? .accepted : .rejected }
}
