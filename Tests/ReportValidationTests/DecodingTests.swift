import Testing

@testable import ReportValidation

@Suite struct DecodingTests {
    @Test func utf8WithBOMIsRecognised() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("报告\r\n".utf8)
        let decoded = try TextDecoding.decode(bytes, legacy: nil).get()
        #expect(decoded.encoding == .utf8BOM)
        #expect(decoded.text == "报告\n")
    }

    @Test func nulByteMeansBinary() {
        let result = TextDecoding.decode([0x41, 0x00, 0x42], legacy: nil)
        #expect(throws: InputProblem.binary(offset: 1)) { try result.get() }
    }
}

/// A GB18030 stand-in: decodes ASCII, 报 (B1 A8), 告 (B8 E6) and C3 A9 (which GBK reads as one
/// character but UTF-8 also reads, as "é"; shown here as "〇"); fails at any other byte.
private struct TwoCharacterGBK: LegacyTextDecoder {
    func decodeGB18030(_ bytes: [UInt8]) -> Result<String, LegacyDecodingError> {
        var scalars = String.UnicodeScalarView()
        var index = 0
        while index < bytes.count {
            let pair = index + 1 < bytes.count ? (bytes[index], bytes[index + 1]) : (bytes[index], 0)
            if bytes[index] < 0x80 {
                scalars.append(Unicode.Scalar(bytes[index]))
                index += 1
            } else if pair == (0xB1, 0xA8) || pair == (0xB8, 0xE6) || pair == (0xC3, 0xA9) {
                scalars.append(pair.0 == 0xB1 ? "报" : pair.0 == 0xB8 ? "告" : "〇")
                index += 2
            } else {
                return .failure(LegacyDecodingError(offset: index))
            }
        }
        return .success(String(scalars))
    }
}

@Suite struct DeclaredCharsetDecodingTests {
    @Test func pageDeclaringGBKIsReadAsGBKEvenWhenItIsAlsoValidUTF8() throws {
        let body: [UInt8] = [0xC3, 0xA9]
        let declared = try TextDecoding.decode(Array("<meta charset=gbk><p>".utf8) + body, legacy: TwoCharacterGBK()).get()
        #expect(declared.encoding == .gb18030)
        #expect(declared.text.hasSuffix("〇"))
        let undeclared = try TextDecoding.decode(Array("<p>".utf8) + body, legacy: TwoCharacterGBK()).get()
        #expect(undeclared.encoding == .utf8)
        #expect(undeclared.text.hasSuffix("é"))
    }

    @Test func pageMisdeclaredAsGBKButWrittenInUTF8IsReadAsUTF8() throws {
        let bytes = Array("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><p>报告".utf8)
        let decoded = try TextDecoding.decode(bytes, legacy: TwoCharacterGBK()).get()
        #expect(decoded.encoding == .utf8)
        #expect(decoded.text.hasSuffix("报告"))
    }

    @Test func pageDeclaringUTF8IsJudgedAsUTF8AtItsFirstBadByte() {
        let prefix = Array("<meta charset=\"utf-8\"><p>".utf8)
        let bytes = prefix + [0xFF, 0xFE, 0xFD]
        let result = TextDecoding.decode(bytes, legacy: TwoCharacterGBK())
        #expect(throws: InputProblem.undecodable(offset: prefix.count, encoding: .utf8)) { try result.get() }
    }

    @Test func undeclaredTextFallsBackToGB18030() throws {
        let decoded = try TextDecoding.decode([0xB1, 0xA8, 0xB8, 0xE6], legacy: TwoCharacterGBK()).get()
        #expect(decoded.encoding == .gb18030)
        #expect(decoded.text == "报告")
    }

    @Test(arguments: ["GBK", "x-gbk", "GB18030", "cp936", "euc-cn"])
    func chineseLabelsAreRecognised(label: String) {
        #expect(DeclaredCharset.of(Array("<meta charset=\(label)>".utf8)) == .chinese)
    }
}
