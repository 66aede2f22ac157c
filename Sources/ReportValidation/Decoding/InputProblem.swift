/// Why an input could not be read as a report at all.
///
/// Every case is a fact, never a sentence: the FILE rules word each one in Chinese and English, with
/// its own advice, so the platform layer never passes user-facing text into the model.
public enum InputProblem: Error, Sendable, Hashable {
    /// Zero bytes, or only white space.
    case empty
    /// NUL or other control bytes: not a text document. `offset` is the first such byte (or character).
    case binary(offset: Int)
    /// Not valid in any supported encoding; `offset` is the first bad byte of the best candidate.
    case undecodable(offset: Int, encoding: TextEncoding)
    /// A symbolic link (a "shortcut"): never followed, so what it points to was not read.
    case symbolicLink
    /// A FIFO, device or socket: not a file with content, and never opened for reading.
    case specialFile(SpecialFileKind)
    /// A folder where a report file was expected.
    case directory
    /// A regular file with `names` names: another name could change its bytes after the check, so it was not read.
    case hardLink(names: Int)
    /// The file's permissions do not let nianbao read it.
    case permissionDenied
    /// A container nianbao does not read (a `.doc`, an image, a workbook…).
    case unsupportedContainer(ContainerKind)
    /// A PDF whose text could not be had: no converter, no text layer (a scan), or a failed conversion.
    case unreadablePDF(PDFProblem)
    /// A Word 97–2003 or WPS file (an OLE2 compound file) the installed converter could not turn into a
    /// `.docx`; `reason` (English, from the converter) says why. Without a converter such a file is an
    /// ``unsupportedContainer(_:)`` of kind ``ContainerKind/legacyOffice``.
    case unconvertedLegacyOffice(reason: String)
    /// Larger than the configured maximum.
    case tooLarge(size: Int, limit: Int)
    /// A container nianbao reads (e.g. `.docx`) that is damaged or unsafe to unpack (zip bomb, path
    /// traversal, CRC mismatch, truncation, encryption); `kind` names the container, `reason` what is wrong.
    case damagedContainer(kind: String, reason: LocalizedText)
    /// Not checked at all: the daemon died `attempts` times while checking it (a crash or a hang in
    /// the reader), so it was set aside unread rather than block the inbox.
    case checkAbandoned(attempts: Int)
}

/// A file system object that is neither a regular file, a folder nor a symbolic link.
public enum SpecialFileKind: String, Sendable, Hashable, CaseIterable {
    /// A named pipe: opening it could wait for a writer forever.
    case fifo = "FIFO"
    case characterDevice = "character device"
    case blockDevice = "block device"
    case socket
    /// A type Linux does not define.
    case unknown = "unknown file type"
}

/// A kind of file nianbao recognises but does not read, named in the finding with what to submit instead.
public enum ContainerKind: String, Sendable, Hashable, CaseIterable {
    /// An OLE2 compound file: Word 97–2003 (`.doc`), WPS or Excel 97–2003 (`.xls`).
    case legacyOffice = "Word 97–2003 (.doc), WPS or Excel 97–2003 (.xls)"
    case excelWorkbook = "Excel workbook (.xlsx)"
    case powerPointPresentation = "PowerPoint presentation (.pptx)"
    case openDocumentText = "OpenDocument text (.odt)"
    case openDocumentSpreadsheet = "OpenDocument spreadsheet (.ods)"
    case openDocumentPresentation = "OpenDocument presentation (.odp)"
    /// A ZIP that is none of the above.
    case zipArchive = "ZIP archive without word/document.xml"
    /// A PDF met by a caller of ``TextDecoding`` alone (``ReportCheck`` converts PDFs itself).
    case pdf = "PDF"
    case pngImage = "PNG image"
    case jpegImage = "JPEG image"
    case gifImage = "GIF image"
    case rtf = "RTF"
    /// A file named `.docx` whose bytes are no ZIP container: not what the sender meant to submit.
    case misnamedWordFile = "file named .docx that is not a Word document (no ZIP container)"
}

/// The character encodings nianbao reads.
public enum TextEncoding: String, Sendable, Hashable, Codable, CaseIterable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 (BOM)"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case gb18030 = "GB18030"
}

/// Text decoded from a file's bytes, with the encoding it was found in.
public struct DecodedText: Sendable, Hashable {
    public var text: String
    public var encoding: TextEncoding

    public init(text: String, encoding: TextEncoding) {
        self.text = text
        self.encoding = encoding
    }
}

/// Decodes legacy Chinese encodings (GB18030, which covers GBK and GB2312); supplied by the platform layer.
public protocol LegacyTextDecoder: Sendable {
    /// The text, or the byte offset of the first invalid sequence.
    func decodeGB18030(_ bytes: [UInt8]) -> Result<String, LegacyDecodingError>
}

/// Where a legacy decode failed.
public struct LegacyDecodingError: Error, Sendable, Hashable {
    public var offset: Int
    public init(offset: Int) { self.offset = offset }
}
