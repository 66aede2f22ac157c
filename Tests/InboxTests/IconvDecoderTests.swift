import ReportValidation
import Testing

@testable import Inbox

@Suite("IconvDecoder")
struct IconvDecoderTests {
    let decoder: IconvDecoder

    init() throws { decoder = try IconvDecoder() }

    @Test("GBK two-byte, GB18030 four-byte and ASCII decode exactly")
    func decodesExactly() throws {
        // 中文 in GBK; € is A2E3; U+1F600 is the four-byte 9439FC36; then ASCII.
        let bytes: [UInt8] = [0xD6, 0xD0, 0xCE, 0xC4, 0xA2, 0xE3, 0x94, 0x39, 0xFC, 0x36, 0x20, 0x41]
        #expect(try decoder.decodeGB18030(bytes).get() == "中文€😀 A")
        #expect(try decoder.decodeGB18030([]).get() == "")
    }

    @Test("round trip of a whole report through GB18030")
    func roundTrip() throws {
        let text = String(decoding: try Fixtures.bytes(Fixtures.names[0]), as: UTF8.self)
        let encoded = try IconvDecoder.encode(text, to: "GB18030")
        #expect(encoded.count < text.utf8.count)  // two bytes per Han character instead of three
        #expect(try decoder.decodeGB18030(encoded).get() == text)
    }

    @Test("long input that needs the output buffer to grow")
    func longInput() throws {
        let text = String(repeating: "政府信息公开工作年度报告 2023\n", count: 20_000)
        let encoded = try IconvDecoder.encode(text, to: "GBK")
        #expect(try decoder.decodeGB18030(encoded).get() == text)
    }

    @Test(
        "the first invalid sequence is reported by byte offset",
        arguments: [
            ([0x61, 0x62, 0xD6, 0xD0, 0xFF, 0x61], 4),  // 0xFF is never a lead byte
            ([0x80], 0),  // 0x80 alone is not GB18030 (it is € only in Windows-936)
            ([0x61, 0xD6, 0x20, 0x61], 1),  // lead byte with an invalid trail byte
            ([0xD6, 0xD0, 0x61, 0xD6], 3),  // cut off at the end (EINVAL)
            ([0x94, 0x39, 0xFC], 0),  // four-byte sequence cut off
        ] as [([UInt8], Int)])
    func reportsOffset(bytes: [UInt8], offset: Int) {
        #expect(decoder.decodeGB18030(bytes) == .failure(LegacyDecodingError(offset: offset)))
    }

    @Test("parallel decodes do not share conversion state")
    func concurrentDecodes() async throws {
        let texts = (0..<32).map { "第\($0)份报告：政府信息公开。" + String(repeating: "公开", count: $0 * 100) }
        let encoded = try texts.map { try IconvDecoder.encode($0, to: "GB18030") }
        let decoder = self.decoder
        let results = await withTaskGroup(of: (Int, String?).self) { group in
            for (index, bytes) in encoded.enumerated() {
                group.addTask {
                    // A decode that fails mid-character first: the next use of that converter must start clean.
                    _ = decoder.decodeGB18030(bytes + [0xD6])
                    return (index, try? decoder.decodeGB18030(bytes).get())
                }
            }
            var out = [String?](repeating: nil, count: texts.count)
            for await (index, text) in group { out[index] = text }
            return out
        }
        #expect(results == texts.map { Optional($0) })
    }

    @Test("encode writes the charset's bytes, and names what it cannot encode")
    func encode() throws {
        #expect(try IconvDecoder.encode("中A", to: "UTF-16LE") == [0x2D, 0x4E, 0x41, 0x00])
        #expect(try IconvDecoder.encode("中A", to: "UTF-16BE") == [0x4E, 0x2D, 0x00, 0x41])
        #expect(try IconvDecoder.encode("中文", to: "GB2312") == [0xD6, 0xD0, 0xCE, 0xC4])
        #expect(throws: TextConversionError.unconvertible(offset: 4, from: "UTF-8", to: "GB2312")) {
            try IconvDecoder.encode("中A😀", to: "GB2312")
        }
        do {
            _ = try IconvDecoder.encode("x", to: "NO-SUCH-CHARSET")
            Issue.record("an unknown charset must throw")
        } catch {
            guard case .unavailable(let system) = error else {
                Issue.record("expected .unavailable, got \(error)")
                return
            }
            #expect(system.call == "iconv_open")
            #expect(system.errno == .invalidArgument)
        }
    }
}

@Suite("IconvConverter internals")
struct IconvConverterTests {
    @Test("an output buffer guessed too small grows until everything is converted (E2BIG)")
    func regrowsOutput() throws {
        let text = String(repeating: "年报 annual report 2024。", count: 2_000)
        let converter = try IconvConverter(from: "UTF-8", to: "UTF-16BE")
        defer { converter.close() }
        let converted = try converter.convert(Array(text.utf8), capacity: 0).get()
        #expect(converted == text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
    }

    @Test("a failed conversion reports EILSEQ or EINVAL at the bad sequence")
    func failureKinds() throws {
        let converter = try IconvConverter(from: "GB18030", to: "UTF-8")
        defer { converter.close() }
        #expect(converter.convert([0x41, 0xFF], capacity: 8) == .failure(InvalidSequence(offset: 1, errno: .illegalByteSequence)))
        #expect(converter.convert([0x41, 0xD6], capacity: 8) == .failure(InvalidSequence(offset: 1, errno: .invalidArgument)))
        // The converter is reusable after a failure.
        #expect(converter.convert([0xD6, 0xD0], capacity: 8) == .success(Array("中".utf8)))
    }
}
