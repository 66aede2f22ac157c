/// Reads Word `.docx` reports into the lines the text reader understands, safely.
///
/// The zip container is opened with ``ZipArchive`` under ``ZipLimits`` and only `word/document.xml` is
/// extracted. As with ``HTMLReader``, a table row becomes one line of tab-separated cells on a grid with
/// merged cells expanded (text at the top-left position, covered positions empty) and each paragraph one
/// line; `w:br` inside a paragraph starts a new line, paragraphs inside a cell are joined with a space and
/// `w:tab` reads as a space.
///
/// A DOCX has no source lines: ``SourceLine/number`` is the 1-based ordinal of the block in the body —
/// every paragraph (empty ones included) and every table row counts as one block — so line 12 is the
/// twelfth paragraph or row of the document. Lines split off one paragraph by `w:br` share its number.
public enum DocxReader {
    /// The part of a package that holds the main document.
    static let documentPart = "word/document.xml"

    /// The report's lines, or why the file cannot be read: ``InputProblem/damagedContainer(kind:reason:)``
    /// for a damaged or hostile archive, ``InputProblem/unsupportedContainer(_:)`` for a zip that is not a
    /// Word document (an Excel workbook, say).
    public static func lines(_ bytes: [UInt8], limits: ZipLimits = ZipLimits()) -> Result<[SourceLine], InputProblem> {
        let kind = "Word (.docx)"
        do throws(ZipError) {
            var archive = try ZipArchive(bytes, limits: limits)
            guard let document = try archive.extract(documentPart) else {
                return .failure(.unsupportedContainer(packageKind(&archive)))
            }
            return .success(lines(documentXML: document))
        } catch {
            return .failure(.damagedContainer(kind: kind, reason: error.reason))
        }
    }

    /// Whether `bytes` start like a ZIP archive (a local file header, or the end record of an empty one).
    public static func isZip(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06])
    }

    /// The lines of a `word/document.xml` part (UTF-8, or UTF-16 with a byte order mark).
    static func lines(documentXML: [UInt8]) -> [SourceLine] {
        let bytes = utf8(documentXML)
        var tokenizer = WordXMLTokenizer(bytes: bytes)
        var collector = WordLineCollector(bytes: bytes)
        while !collector.isFull, let token = tokenizer.next() { collector.consume(token) }
        return collector.finish()
    }

    /// What a zip without `word/document.xml` seems to be, for FILE-004's message.
    static func packageKind(_ archive: inout ZipArchive) -> ContainerKind {
        if archive.entry(named: "xl/workbook.xml") != nil { return .excelWorkbook }
        if archive.entry(named: "ppt/presentation.xml") != nil { return .powerPointPresentation }
        // OpenDocument names its type in a small stored `mimetype` entry.
        if let entry = archive.entry(named: "mimetype"), entry.uncompressedSize <= 256,
            let mimetype = try? archive.extract("mimetype")
        {
            switch String(decoding: mimetype, as: UTF8.self) {
            case "application/vnd.oasis.opendocument.text": return .openDocumentText
            case "application/vnd.oasis.opendocument.spreadsheet": return .openDocumentSpreadsheet
            case "application/vnd.oasis.opendocument.presentation": return .openDocumentPresentation
            default: break
            }
        }
        return .zipArchive
    }

    /// `bytes` as UTF-8: a UTF-16 part (with its byte order mark) is transcoded, anything else kept as is.
    private static func utf8(_ bytes: [UInt8]) -> [UInt8] {
        let bigEndian: Bool
        if bytes.starts(with: [0xFF, 0xFE]) {
            bigEndian = false
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            bigEndian = true
        } else {
            return bytes
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}
