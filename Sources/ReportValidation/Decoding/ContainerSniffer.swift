/// Recognises file containers nianbao does not read by their leading bytes, so a Word `.doc` or a
/// PDF gets a note saying what to submit instead rather than "binary data".
public enum ContainerSniffer {
    /// The kind of unsupported container `bytes` start with, or nil for anything else.
    public static func unsupportedKind(of bytes: [UInt8]) -> ContainerKind? {
        func starts(_ magic: [UInt8]) -> Bool { bytes.starts(with: magic) }
        if LegacyWordFormat.isCompoundFile(bytes) { return .legacyOffice }
        // ReportCheck reads these two itself (pdftotext, DocxReader) before it decodes text; named here for
        // callers of TextDecoding alone.
        if PDFExtraction.isPDF(bytes) { return .pdf }
        if DocxReader.isZip(bytes) { return .zipArchive }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return .pngImage }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpegImage }
        if starts(Array("GIF8".utf8)) { return .gifImage }
        if starts([0x7B, 0x5C, 0x72, 0x74, 0x66]) { return .rtf }
        return nil
    }
}
