/// Builds zip archives in memory for tests: stored entries with their CRC-32, or any payload and header
/// fields a test wants to forge (lying sizes, wrong CRC, flags, methods, hostile names).
///
/// `ZipWriter.docx(documentXML:)` makes a minimal Word package, for tests that render a report as `.docx`.
/// Shared by the reader tests (ReportValidationTests), the rendering tests (InboxTests) and ``TestDOCX``.
public struct ZipWriter {
    public init() {}

    /// One entry as it will be written; every header field can be overridden before `archive()`.
    public struct Entry {
        public var name: [UInt8]
        /// The bytes written as the entry's data (compressed when `method` is 8).
        public var payload: [UInt8]
        public var method: UInt16 = 0
        public var flags: UInt16 = 0
        public var crc32: UInt32
        public var uncompressedSize: UInt32

        /// A stored entry: the payload is the content, CRC and size are the true ones.
        public static func stored(_ name: String, _ data: [UInt8]) -> Entry {
            Entry(
                name: Array(name.utf8), payload: data, crc32: ZipWriter.crc32(data),
                uncompressedSize: UInt32(data.count))
        }

        /// A deflated entry whose payload is the raw deflate stream `compressed` of `original`.
        public static func deflated(_ name: String, compressed: [UInt8], original: [UInt8]) -> Entry {
            Entry(
                name: Array(name.utf8), payload: compressed, method: 8, crc32: ZipWriter.crc32(original),
                uncompressedSize: UInt32(original.count))
        }
    }

    public var entries: [Entry] = []
    /// Bytes appended after the end record's fixed part (the archive comment).
    public var comment: [UInt8] = []

    public mutating func add(_ entry: Entry) {
        entries.append(entry)
    }

    public mutating func add(_ name: String, _ text: String) {
        entries.append(.stored(name, Array(text.utf8)))
    }

    /// The archive: local headers with data, the central directory, the end record.
    public func archive() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let offset = out.count
            out += le32(0x0403_4B50) + le16(20) + le16(entry.flags) + le16(entry.method) + le16(0) + le16(0x5A21)
            out += le32(entry.crc32) + le32(UInt32(entry.payload.count)) + le32(entry.uncompressedSize)
            out += le16(UInt16(entry.name.count)) + le16(0) + entry.name + entry.payload
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(entry.flags) + le16(entry.method) + le16(0)
            central +=
                le16(0x5A21) + le32(entry.crc32) + le32(UInt32(entry.payload.count)) + le32(entry.uncompressedSize)
            central += le16(UInt16(entry.name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
            central += le32(UInt32(offset)) + entry.name
        }
        let directoryOffset = out.count
        out += central
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        out += le32(UInt32(central.count)) + le32(UInt32(directoryOffset)) + le16(UInt16(comment.count)) + comment
        return out
    }

    /// A minimal `.docx`: content types, package relationships and `word/document.xml` (stored).
    /// With `stylesXML`, also `word/styles.xml` and the document's relationship to it.
    public static func docx(documentXML: String, stylesXML: String? = nil) -> [UInt8] {
        var writer = ZipWriter()
        let stylesType =
            stylesXML == nil
            ? ""
            : #"<Override PartName="/word/styles.xml" "#
                + #"ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#
        writer.add(
            "[Content_Types].xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/word/document.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\(stylesType)</Types>
            """)
        writer.add(
            "_rels/.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" \
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
            Target="word/document.xml"/></Relationships>
            """)
        writer.add("word/document.xml", documentXML)
        if let stylesXML {
            writer.add(
                "word/_rels/document.xml.rels",
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
                Target="styles.xml"/></Relationships>
                """)
            writer.add("word/styles.xml", stylesXML)
        }
        return writer.archive()
    }

    /// `body` (paragraphs and tables) wrapped in `w:document`/`w:body` with the usual `w` prefix.
    public static func documentXML(body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
        """
    }

    /// CRC-32 computed bit by bit, independent of the table-driven one under test.
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
}
