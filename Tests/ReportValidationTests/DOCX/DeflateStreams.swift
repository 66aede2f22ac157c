import Foundation

@testable import ReportValidation

/// The committed fixtures of `scripts/make-docx-fixtures` (zlib-made deflate streams and Word packages).
enum DocxFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("DOCX")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }
}

/// Writes deflate bit streams by hand: fields least significant bit first, Huffman codes most significant
/// bit first, as RFC 1951 §3.1.1 packs them.
struct DeflateBitWriter {
    private(set) var bytes: [UInt8] = []
    private var pending: UInt32 = 0
    private var pendingCount = 0

    /// A field of `count` bits, least significant first.
    mutating func bits(_ value: Int, _ count: Int) {
        for bit in 0..<count { push((value >> bit) & 1) }
    }

    /// A Huffman code of `length` bits, most significant first.
    mutating func code(_ code: Int, length: Int) {
        for bit in stride(from: length - 1, through: 0, by: -1) { push((code >> bit) & 1) }
    }

    /// `count` zero bits, whole bytes appended at once.
    mutating func zeros(_ count: Int) {
        var left = count
        while left > 0, pendingCount != 0 {
            push(0)
            left -= 1
        }
        bytes.append(contentsOf: repeatElement(0, count: left / 8))
        for _ in 0..<left % 8 { push(0) }
    }

    /// A literal/length symbol of the fixed code.
    mutating func fixedSymbol(_ symbol: Int) {
        switch symbol {
        case 0...143: code(0x30 + symbol, length: 8)
        case 144...255: code(0x190 + symbol - 144, length: 9)
        case 256...279: code(symbol - 256, length: 7)
        default: code(0xC0 + symbol - 280, length: 8)
        }
    }

    /// The stream, the last byte padded with zero bits.
    func finished() -> [UInt8] {
        pendingCount == 0 ? bytes : bytes + [UInt8(pending)]
    }

    private mutating func push(_ bit: Int) {
        pending |= UInt32(bit) << UInt32(pendingCount)
        pendingCount += 1
        if pendingCount == 8 {
            bytes.append(UInt8(pending))
            pending = 0
            pendingCount = 0
        }
    }
}

/// Hand-made deflate streams for edge cases and bombs.
enum DeflateStreams {
    /// One final dynamic block: `a`, then `matches` copies of (length 258, distance 1), then end of block.
    ///
    /// The literal/length code has `285` as a one-bit code and the distance code a single one-bit code,
    /// so each 258-byte copy costs two bits: about 1032:1, deflate's highest ratio.
    static func bomb(matches: Int) -> [UInt8] {
        var writer = DeflateBitWriter()
        writer.bits(1, 1)
        writer.bits(2, 2)
        writer.bits(286 - 257, 5)
        writer.bits(0, 5)
        writer.bits(18 - 4, 4)
        // Code-length code lengths in header order 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1:
        // symbols 0, 1, 2 and 18 get two bits each (codes 00, 01, 10, 11).
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1]
        for symbol in order { writer.bits([0, 1, 2, 18].contains(symbol) ? 2 : 0, 3) }
        func zeros(_ count: Int) {
            writer.code(0b11, length: 2)
            writer.bits(count - 11, 7)
        }
        zeros(97)  // 0…96
        writer.code(0b10, length: 2)  // 'a' (97): length 2
        zeros(138)  // 98…235
        zeros(20)  // 236…255
        writer.code(0b10, length: 2)  // 256: length 2
        zeros(28)  // 257…284
        writer.code(0b01, length: 2)  // 285: length 1
        writer.code(0b01, length: 2)  // distance 0: length 1
        // Codes: 285 → 0, 'a' → 10, 256 → 11; distance 0 → 0.
        writer.code(0b10, length: 2)
        writer.zeros(2 * matches)  // each copy: code 0 for 285, code 0 for distance 1
        writer.code(0b11, length: 2)
        return writer.finished()
    }

    /// One final fixed block: `a`, then `matches` copies of (length 258, distance 1): about 158:1.
    static func fixedRun(matches: Int) -> [UInt8] {
        var writer = DeflateBitWriter()
        writer.bits(1, 1)
        writer.bits(1, 2)
        writer.fixedSymbol(97)
        for _ in 0..<matches {
            writer.fixedSymbol(285)
            writer.code(0, length: 5)
        }
        writer.fixedSymbol(256)
        return writer.finished()
    }

    /// A stored block holding `data` (≤ 65,535 bytes).
    static func stored(_ data: [UInt8], final: Bool = true) -> [UInt8] {
        let length = data.count
        let header: [UInt8] = [final ? 1 : 0, UInt8(length & 0xFF), UInt8(length >> 8)]
        return header + [UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)] + data
    }
}
