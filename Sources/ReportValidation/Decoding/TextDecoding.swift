/// Turns a file's bytes into text: BOM, then the charset a web page declares, then valid UTF-8, then
/// GB18030 through the platform decoder.
///
/// Line ends are normalised to `\n`. NUL and other control characters (except tab, form feed and
/// vertical tab, which text exports use) mean the input is binary.
public enum TextDecoding {
    public static func decode(_ bytes: [UInt8], legacy: (any LegacyTextDecoder)?) -> Result<DecodedText, InputProblem> {
        if bytes.isEmpty { return .failure(.empty) }
        if let kind = ContainerSniffer.unsupportedKind(of: bytes) { return .failure(.unsupportedContainer(kind)) }
        let decoded: DecodedText
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            switch utf8(bytes[3...]) {
            case .success(let text): decoded = DecodedText(text: text, encoding: .utf8BOM)
            case .failure(let bad): return .failure(binaryOr(.undecodable(offset: bad.value + 3, encoding: .utf8BOM), bytes))
            }
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            let encoding: TextEncoding = little ? .utf16LE : .utf16BE
            guard let text = utf16(bytes[2...], littleEndian: little) else {
                return .failure(.undecodable(offset: 2, encoding: encoding))
            }
            decoded = DecodedText(text: text, encoding: encoding)
        } else if let offset = firstBinaryByte(bytes) {
            return .failure(.binary(offset: offset))
        } else if DeclaredCharset.of(bytes) == .chinese, let legacy, case .success(let text) = legacy.decodeGB18030(bytes) {
            // A page that says GBK is read as GBK even when its bytes also happen to be valid UTF-8.
            decoded = DecodedText(text: text, encoding: .gb18030)
        } else {
            switch utf8(bytes[...]) {
            case .success(let text):
                decoded = DecodedText(text: text, encoding: .utf8)
            case .failure(let bad):
                guard let legacy else { return .failure(.undecodable(offset: bad.value, encoding: .utf8)) }
                switch legacy.decodeGB18030(bytes) {
                case .success(let text): decoded = DecodedText(text: text, encoding: .gb18030)
                case .failure(let error):
                    // A page that declares UTF-8 is judged as UTF-8: its first bad byte is the useful offset.
                    if DeclaredCharset.of(bytes) == .utf8 { return .failure(.undecodable(offset: bad.value, encoding: .utf8)) }
                    return .failure(.undecodable(offset: error.offset, encoding: .gb18030))
                }
            }
        }
        if let offset = firstControlCharacter(decoded.text) { return .failure(.binary(offset: offset)) }
        let text = normaliseLineEnds(decoded.text)
        if text.allSatisfy(\.isWhitespace) { return .failure(.empty) }
        return .success(DecodedText(text: text, encoding: decoded.encoding))
    }

    /// `\r\n` and lone `\r` become `\n`.
    public static func normaliseLineEnds(_ text: String) -> String {
        guard text.utf8.contains(13) else { return text }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousCR = true
            } else {
                if !(previousCR && scalar == "\n") { out.append(scalar) }
                previousCR = false
            }
        }
        return String(out)
    }

    static func binaryOr(_ problem: InputProblem, _ bytes: [UInt8]) -> InputProblem {
        firstBinaryByte(bytes).map { .binary(offset: $0) } ?? problem
    }

    static func isControl(_ value: UInt32) -> Bool {
        (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D && value != 0x0C && value != 0x0B)
            || value == 0x7F
    }

    static func firstBinaryByte(_ bytes: [UInt8]) -> Int? {
        bytes.firstIndex { isControl(UInt32($0)) }
    }

    static func firstControlCharacter(_ text: String) -> Int? {
        var index = 0
        for scalar in text.unicodeScalars {
            if isControl(scalar.value) { return index }
            index += 1
        }
        return nil
    }

    /// Strict UTF-8 validation; the failure is the offset of the first invalid byte.
    static func utf8(_ bytes: ArraySlice<UInt8>) -> Result<String, ByteOffset> {
        if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        var offset = 0
        var consumed = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalars.append(scalar)
                consumed += UTF8.width(scalar)
                offset = consumed
            case .emptyInput:
                return .success(String(scalars))
            case .error:
                return .failure(ByteOffset(value: offset))
            }
        }
    }

    static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> String? {
        guard bytes.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let a = UInt16(bytes[index])
            let b = UInt16(bytes[index + 1])
            units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
            index += 2
        }
        var scalars = String.UnicodeScalarView()
        var decoder = UTF16()
        var iterator = units.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: return String(scalars)
            case .error: return nil
            }
        }
    }
}

/// The offset of an invalid byte, as a typed failure.
struct ByteOffset: Error {
    var value: Int
}

/// The family of the charset an HTML page declares in its `<meta>`, as far as decoding cares.
enum DeclaredCharset: Equatable {
    case utf8
    /// GB2312, GBK, GB18030 and their aliases: all read as GB18030, their superset.
    case chinese
    case other

    /// Labels of the WHATWG Encoding Standard that name GBK or GB18030.
    static let chineseLabels: Set<String> = [
        "gbk", "gb2312", "gb18030", "gb_2312", "gb_2312-80", "chinese", "csgb2312", "csiso58gb231280",
        "iso-ir-58", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn",
    ]

    /// The declared charset of `bytes` when they look like a web page (a `<meta` in the first KiB).
    static func of(_ bytes: [UInt8]) -> DeclaredCharset? {
        guard let label = HTMLReader.declaredCharset(bytes) else { return nil }
        if label == "utf-8" || label == "utf8" || label == "unicode-1-1-utf-8" { return .utf8 }
        return chineseLabels.contains(label) ? .chinese : .other
    }
}
