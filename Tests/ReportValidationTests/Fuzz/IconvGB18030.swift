import Glibc

#if !NIANBAO_FUZZ
    @testable import ReportValidation
#endif

/// GB18030 through glibc's iconv, as the daemon decodes it, small enough to compile into the fuzz
/// binary without the Inbox module. One converter per call: fuzz targets and tests run one input at a time.
struct IconvGB18030: LegacyTextDecoder {
    /// Nil when this system has no GB18030 gconv module.
    init?() {
        let handle = iconv_open("UTF-8", "GB18030")
        if Int(bitPattern: handle) == -1 { return nil }
        iconv_close(handle)
    }

    func decodeGB18030(_ bytes: [UInt8]) -> Result<String, LegacyDecodingError> {
        let handle = iconv_open("UTF-8", "GB18030")
        guard Int(bitPattern: handle) != -1 else { return .failure(LegacyDecodingError(offset: 0)) }
        defer { iconv_close(handle) }
        // GB18030 → UTF-8 grows at most 3/2.
        var output = [UInt8](repeating: 0, count: bytes.count + bytes.count / 2 + 16)
        var input = bytes
        let (consumed, written, failed) = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self) }
                var inLeft = inBuffer.count
                var outPointer = outBuffer.baseAddress.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self) }
                var outLeft = outBuffer.count
                var result = iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft)
                if result != -1 { result = iconv(handle, nil, nil, &outPointer, &outLeft) }
                return (inBuffer.count - inLeft, outBuffer.count - outLeft, result == -1)
            }
        }
        if failed { return .failure(LegacyDecodingError(offset: consumed)) }
        return .success(String(decoding: output[..<written], as: UTF8.self))
    }
}
