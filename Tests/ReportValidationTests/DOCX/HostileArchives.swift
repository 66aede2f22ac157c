import NianbaoTestSupport
import Testing

@testable import ReportValidation

/// A forged archive and the error reading its `word/document.xml` must end with.
struct HostileArchive: Sendable, CustomTestStringConvertible {
    var label: String
    var bytes: [UInt8]
    var error: ZipError
    var limits = ZipLimits()

    var testDescription: String { label }

    static let document = "word/document.xml"
    static let xml = Array(ZipWriter.documentXML(body: "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>").utf8)

    static let all: [HostileArchive] = [
        bombDeclaredSmall, bombDeclaredHonestly, longRunPastTheEntryLimit, tooManyEntries, traversal, crcMismatch,
        truncated, encrypted, unsupportedMethod, noEndRecord, zip64, corruptData, shortOfItsDeclaredSize, duplicateName,
    ]

    static func archive(_ entries: ZipWriter.Entry...) -> [UInt8] {
        var writer = ZipWriter()
        writer.add("[Content_Types].xml", "<Types/>")
        for entry in entries { writer.add(entry) }
        return writer.archive()
    }

    /// 1 GB of `a` from 1 MB, its header claiming 1,000 bytes.
    static let bombDeclaredSmall: HostileArchive = {
        var entry = ZipWriter.Entry.deflated(
            document, compressed: DeflateStreams.bomb(matches: 4_000_000), original: [])
        entry.uncompressedSize = 1000
        return HostileArchive(
            label: "zip bomb, size understated", bytes: archive(entry),
            error: .expandsBeyondDeclaredSize(name: document, declared: 1000))
    }()

    /// 258 MB of `a` from 250 KB, declared as such: refused before decoding by its ratio.
    static let bombDeclaredHonestly: HostileArchive = {
        var entry = ZipWriter.Entry.deflated(
            document, compressed: DeflateStreams.bomb(matches: 1_000_000), original: [])
        entry.uncompressedSize = 258_000_001
        return HostileArchive(
            label: "zip bomb, size declared", bytes: archive(entry),
            error: .compressionRatio(name: document, ratio: 1000))
    }()

    /// 2 MB at 158:1, honestly declared, under a 1 MiB entry limit.
    static let longRunPastTheEntryLimit: HostileArchive = {
        var entry = ZipWriter.Entry.deflated(
            document, compressed: DeflateStreams.fixedRun(matches: 8_200), original: [])
        entry.uncompressedSize = 1 + 258 * 8_200
        return HostileArchive(
            label: "entry over the size limit", bytes: archive(entry),
            error: .entryTooLarge(name: document, limit: 1 << 20),
            limits: ZipLimits(maximumEntrySize: 1 << 20))
    }()

    static let tooManyEntries: HostileArchive = {
        var writer = ZipWriter()
        for index in 0...10_000 { writer.add(.stored("f\(index)", [])) }
        return HostileArchive(
            label: "10,001 entries", bytes: writer.archive(), error: .tooManyEntries(count: 10_001, limit: 10_000))
    }()

    static let traversal = HostileArchive(
        label: "path traversal", bytes: archive(.stored(document, xml), .stored("../../etc/cron.d/job", [])),
        error: .unsafeName("../../etc/cron.d/job"))

    static let crcMismatch: HostileArchive = {
        var entry = ZipWriter.Entry.stored(document, xml)
        let expected = entry.crc32 ^ 0x0100
        entry.crc32 = expected
        return HostileArchive(
            label: "CRC mismatch", bytes: archive(entry),
            error: .crcMismatch(name: document, expected: expected, actual: ZipWriter.crc32(xml)))
    }()

    static let truncated = HostileArchive(
        label: "truncated", bytes: Array(ZipWriter.docx(documentXML: String(decoding: xml, as: UTF8.self)).prefix(300)),
        error: .truncated(part: LocalizedText(zh: "ZIP 中央目录", en: "the ZIP central directory")))

    static let encrypted: HostileArchive = {
        var entry = ZipWriter.Entry.stored(document, xml)
        entry.flags = 1
        return HostileArchive(label: "encrypted", bytes: archive(entry), error: .encrypted(name: document))
    }()

    static let unsupportedMethod: HostileArchive = {
        var entry = ZipWriter.Entry.stored(document, xml)
        entry.method = 12
        return HostileArchive(
            label: "bzip2 method", bytes: archive(entry), error: .unsupportedMethod(name: document, method: 12))
    }()

    static let noEndRecord = HostileArchive(
        label: "no end record", bytes: [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 10), error: .notAnArchive
    )

    static let zip64: HostileArchive = {
        var bytes = archive(.stored(document, xml))
        bytes[bytes.count - 12] = 0xFF  // total entries: 0xFFFF means "see the ZIP64 record"
        bytes[bytes.count - 11] = 0xFF
        return HostileArchive(label: "ZIP64", bytes: bytes, error: .zip64)
    }()

    static let corruptData = HostileArchive(
        label: "invalid deflate data", bytes: archive(.deflated(document, compressed: [0x07], original: xml)),
        error: .corruptData(name: document, .invalidBlockType))

    static let shortOfItsDeclaredSize: HostileArchive = {
        var entry = ZipWriter.Entry.deflated(document, compressed: DeflateStreams.stored(xml), original: xml)
        entry.uncompressedSize += 10
        return HostileArchive(
            label: "shorter than declared", bytes: archive(entry),
            error: .sizeMismatch(name: document, declared: xml.count + 10, actual: xml.count))
    }()

    static let duplicateName = HostileArchive(
        label: "duplicate name", bytes: archive(.stored(document, xml), .stored(document, [])),
        error: .malformed(LocalizedText(zh: "条目 \(document) 重复出现", en: "entry \(document) appears twice")))
}
