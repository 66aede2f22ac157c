/// A directory entry's name as the kernel stores it: bytes, not text.
///
/// A GBK-named upload is not valid UTF-8; a `String` would replace its bytes and the file could no
/// longer be renamed. Every file system call gets these bytes; only ``shown`` decodes them, for people.
package struct FileName: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The name's bytes, without a terminating NUL and without `/`.
    package var bytes: [UInt8]

    package init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The UTF-8 bytes of `text`.
    package init(_ text: String) { bytes = Array(text.utf8) }

    /// The bytes with a terminating NUL, ready to pass to a C function as `const char *`.
    var cString: [CChar] { bytes.map { CChar(bitPattern: $0) } + [0] }

    /// Whether the bytes are valid UTF-8 (a GBK name usually is not).
    package var isValidUTF8: Bool { String(validating: bytes, as: UTF8.self) != nil }

    /// For logs and notes: valid UTF-8 as is, control characters and every byte that is not valid
    /// UTF-8 as `\xNN`, so the operator sees exactly which bytes the name has.
    package var shown: String {
        var out = ""
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += Self.escape(UInt8(scalar.value))
                } else {
                    out.unicodeScalars.append(scalar)
                }
                offset += encoded.count
            case .error(let length):
                for byte in bytes[offset..<(offset + length)] { out += Self.escape(byte) }
                offset += length
            case .emptyInput:
                return out
            }
        }
    }

    /// The bytes in lowercase hex, e.g. `32303233c4ea`.
    package var hex: String { bytes.map { Self.hexDigits($0) }.joined() }

    package var description: String { shown }

    package static func < (lhs: FileName, rhs: FileName) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }

    /// `self` followed by the UTF-8 bytes of `suffix`, e.g. `report.txt` + `.findings.json`.
    package func appending(_ suffix: String) -> FileName { FileName(bytes + Array(suffix.utf8)) }

    /// Whether the name ends with the UTF-8 bytes of `suffix`.
    package func hasSuffix(_ suffix: String) -> Bool {
        bytes.count >= suffix.utf8.count && bytes.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
    }

    static func escape(_ byte: UInt8) -> String { "\\x" + hexDigits(byte) }

    static func hexDigits(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
    }
}
