/// Why an input could not be read as a report at all.
public enum InputProblem: Error, Sendable, Hashable {
    /// Zero bytes, or only white space.
    case empty
    /// NUL or other control bytes: not a text document. `offset` is the first such byte (or character).
    case binary(offset: Int)
    /// Not valid in any supported encoding; `offset` is the first bad byte of the best candidate.
    case undecodable(offset: Int, encoding: TextEncoding)
    /// A container nianbao does not read (e.g. `.doc`, `.pdf` without a text layer); `kind` names it.
    case unsupportedFormat(kind: String)
    /// A PDF whose text could not be had: no converter, no text layer (a scan), or a failed conversion.
    case unreadablePDF(PDFProblem)
    /// Larger than the configured maximum.
    case tooLarge(size: Int, limit: Int)
    /// A container nianbao reads (e.g. `.docx`) that is damaged or unsafe to unpack (zip bomb, path
    /// traversal, CRC mismatch, truncation, encryption); `kind` names the container, `reason` what is wrong.
    case damagedContainer(kind: String, reason: LocalizedText)
    /// Not checked at all: the daemon died `attempts` times while checking it (a crash or a hang in
    /// the reader), so it was set aside unread rather than block the inbox.
    case checkAbandoned(attempts: Int)
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
