import Inbox
import ReportValidation
import Testing

/// The same report in every encoding nianbao reads must get the same judgement.
@Suite("Encoding equivalence")
struct EncodingEquivalenceTests {
    /// One byte form of a report and the encoding the checker must detect in it.
    struct Variant: CustomStringConvertible {
        var encoding: TextEncoding
        var bytes: [UInt8]
        var description: String { encoding.rawValue }
    }

    /// The report in UTF-8, UTF-8 with BOM, GB18030 and UTF-16 LE/BE with BOM.
    static func variants(of utf8: [UInt8]) throws -> [Variant] {
        let text = String(decoding: utf8, as: UTF8.self)
        return [
            Variant(encoding: .utf8, bytes: utf8),
            Variant(encoding: .utf8BOM, bytes: [0xEF, 0xBB, 0xBF] + utf8),
            Variant(encoding: .gb18030, bytes: try IconvDecoder.encode(text, to: "GB18030")),
            Variant(encoding: .utf16LE, bytes: [0xFF, 0xFE] + (try IconvDecoder.encode(text, to: "UTF-16LE"))),
            Variant(encoding: .utf16BE, bytes: [0xFE, 0xFF] + (try IconvDecoder.encode(text, to: "UTF-16BE"))),
        ]
    }

    @Test("identical findings and verdict in all five encodings", arguments: Fixtures.names)
    func identicalFindings(fixture: String) throws {
        let original = try Fixtures.bytes(fixture)
        try #require(!original.starts(with: [0xEF, 0xBB, 0xBF]), "fixtures are plain UTF-8")
        let check = ReportCheck(legacyDecoder: try IconvDecoder())
        let variants = try Self.variants(of: original)
        // The encodings really differ byte-wise; otherwise the comparison proves nothing.
        #expect(Set(variants.map(\.bytes)).count == variants.count)

        let baseline = check.check(bytes: original, fileName: fixture, currentYear: 2025)
        #expect(baseline.encoding == .utf8)
        for variant in variants {
            let checked = check.check(bytes: variant.bytes, fileName: fixture, currentYear: 2025)
            #expect(checked.encoding == variant.encoding, "\(fixture) as \(variant)")
            #expect(checked.result.verdict == baseline.result.verdict, "\(fixture) as \(variant)")
            #expect(checked.result.findings == baseline.result.findings, "\(fixture) as \(variant)")
            #expect(checked.result.year == baseline.result.year, "\(fixture) as \(variant)")
            #expect(checked.result.title == baseline.result.title, "\(fixture) as \(variant)")
        }
    }

    @Test("the checker sees the file the report reader read, byte for byte", arguments: Fixtures.names)
    func readThroughReportFile(fixture: String) throws {
        let folder = try TemporaryDirectory()
        let text = String(decoding: try Fixtures.bytes(fixture), as: UTF8.self)
        let gb = try IconvDecoder.encode(text, to: "GB18030")
        try folder.write(fixture, gb)
        let reader = ReportFileReader(maximumSize: 1 << 20)
        guard case .bytes(let bytes) = try reader.read(FileName(fixture), in: DirectoryHandle(path: folder.path)) else {
            Issue.record("a regular fixture file was not read")
            return
        }
        #expect(bytes == gb)
        let check = ReportCheck(legacyDecoder: try IconvDecoder())
        let fromFile = check.check(bytes: bytes, fileName: fixture, currentYear: 2025)
        #expect(fromFile.encoding == .gb18030)
        #expect(fromFile.result.findings == check.check(bytes: Array(text.utf8), fileName: fixture, currentYear: 2025).result.findings)
    }

    @Test("a GB18030 file with a bad byte is undecodable at that byte")
    func undecodableOffset() throws {
        let text = String(decoding: try Fixtures.bytes(Fixtures.names[0]), as: UTF8.self)
        var bytes = try IconvDecoder.encode(text, to: "GB18030")
        // A character boundary near the middle: just after an ASCII byte.
        let bad = try #require(bytes[(bytes.count / 2)...].firstIndex { $0 < 0x80 }) + 1
        bytes[bad] = 0xFF
        let decoder = try IconvDecoder()
        #expect(TextDecoding.decode(bytes, legacy: decoder) == .failure(.undecodable(offset: bad, encoding: .gb18030)))
        let checked = ReportCheck(legacyDecoder: decoder).check(bytes: bytes, fileName: nil, currentYear: 2025)
        #expect(checked.encoding == nil)
    }
}
