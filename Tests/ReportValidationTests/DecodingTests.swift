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

