/// Decoding tables for the canonical Huffman codes of deflate (RFC 1951 §3.2.2).
///
/// A table is a flat array of `UInt32` entries indexed by the next input bits (least significant first, as
/// deflate packs codes). Codes up to `primaryBits` long are found in one look-up; longer ones through one
/// subtable, so decoding a symbol never loops over bits. Each entry carries what the decoder needs next:
///
/// - bits 0…3: how many bits the code takes;
/// - bits 4…7: extra bits that follow (lengths and distances), or the index width of a subtable;
/// - bits 8…11: the entry's ``Kind``;
/// - bits 16…31: the literal byte, base length, base distance, code-length symbol or subtable offset.
enum HuffmanTable {
    /// What an entry stands for. An all-zero entry is `invalid`: no code of the set starts with those bits.
    enum Kind: UInt32 {
        case invalid = 0
        case literal = 1
        case length = 2
        case endOfBlock = 3
        case subtable = 4
        case distance = 5
        case codeLength = 6
    }

    static let literalPrimaryBits = 10
    static let distancePrimaryBits = 8
    static let codeLengthPrimaryBits = 7
    /// Entries a literal/length table may need: 2¹⁰ primary plus one 2⁵ subtable per code longer than 10 bits.
    static let literalCapacity = 1024 + 286 * 32
    /// Entries a distance table may need: 2⁸ primary plus one 2⁷ subtable per code longer than 8 bits.
    static let distanceCapacity = 256 + 30 * 128
    static let codeLengthCapacity = 128

    @inline(__always) static func payload(_ kind: Kind, value: Int, extra: Int = 0) -> UInt32 {
        UInt32(value) << 16 | kind.rawValue << 8 | UInt32(extra) << 4
    }

    @inline(__always) static func kind(_ entry: UInt32) -> UInt32 { (entry >> 8) & 0xF }
    @inline(__always) static func codeBits(_ entry: UInt32) -> Int { Int(entry & 0xF) }
    @inline(__always) static func extraBits(_ entry: UInt32) -> Int { Int((entry >> 4) & 0xF) }
    @inline(__always) static func value(_ entry: UInt32) -> Int { Int(entry >> 16) }

    /// What each literal/length symbol decodes to: 0…255 bytes, 256 end of block, 257…285 lengths;
    /// 286 and 287 (which only the fixed code can spell) are invalid.
    static let literalPayloads: [UInt32] = {
        let bases = [
            3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
            227, 258,
        ]
        let extras = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        var payloads = (0..<256).map { payload(.literal, value: $0) }
        payloads.append(payload(.endOfBlock, value: 0))
        payloads += zip(bases, extras).map { payload(.length, value: $0, extra: $1) }
        payloads += [0, 0]
        return payloads
    }()

    /// What each distance symbol decodes to; 30 and 31 are invalid.
    static let distancePayloads: [UInt32] = {
        let bases = [
            1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
            4097, 6145, 8193, 12289, 16385, 24577,
        ]
        return bases.enumerated().map { payload(.distance, value: $1, extra: max(0, $0 / 2 - 1)) } + [0, 0]
    }()

    static let codeLengthPayloads: [UInt32] = (0..<19).map { payload(.codeLength, value: $0) }

    /// The code lengths of the fixed literal/length code (RFC 1951 §3.2.6).
    static let fixedLiteralLengths: [UInt8] =
        [UInt8](repeating: 8, count: 144) + [UInt8](repeating: 9, count: 112) + [UInt8](repeating: 7, count: 24)
        + [UInt8](repeating: 8, count: 8)

    /// Integers ``build(lengths:payloads:primaryBits:into:capacity:allowsIncomplete:scratch:)`` needs as
    /// scratch: 16 counts, 17 offsets and up to 288 sorted symbols.
    static let scratchCapacity = 16 + 17 + 288

    /// Fills `table` for the code with `lengths` (0 = symbol unused).
    ///
    /// Rejects over-subscribed sets, and incomplete ones unless `allowsIncomplete` and the set is a single
    /// one-bit code (as zlib does: "one distance code is encoded using one bit"). An all-zero set gives a
    /// table of invalid entries, which is legal for distances in a block holding only literals. Allocates
    /// nothing: a stream of thousands of tiny dynamic blocks costs table fills, not allocations.
    static func build(
        lengths: UnsafeBufferPointer<UInt8>, payloads: [UInt32], primaryBits: Int,
        into table: UnsafeMutablePointer<UInt32>, capacity: Int, allowsIncomplete: Bool,
        scratch: UnsafeMutablePointer<Int>
    ) throws(InflateError) {
        let counts = scratch
        let offsets = scratch + 16
        let sorted = scratch + 33
        counts.update(repeating: 0, count: 16)
        for length in lengths { counts[Int(length)] += 1 }
        counts[0] = 0
        var left = 1
        var longest = 0
        for length in 1...15 {
            left = left << 1 - counts[length]
            if left < 0 { throw .badCodeLengths("over-subscribed code") }
            if counts[length] > 0 { longest = length }
        }
        let primarySize = 1 << primaryBits
        if longest == 0 || left > 0 {
            guard longest == 0 || (allowsIncomplete && longest == 1) else {
                throw .badCodeLengths("incomplete code")
            }
            table.update(repeating: 0, count: primarySize)
            if longest == 0 { return }
        }
        // Symbols sorted by (length, symbol): the canonical order in which codes are assigned.
        offsets[0] = 0
        offsets[1] = 0
        for length in 1...15 { offsets[length + 1] = offsets[length] + counts[length] }
        for (symbol, length) in lengths.enumerated() where length > 0 {
            sorted[offsets[Int(length)]] = symbol
            offsets[Int(length)] += 1
        }
        let subBits = max(0, longest - primaryBits)
        var nextSubtable = primarySize
        // Long codes sharing their first `primaryBits` bits are consecutive in canonical order.
        var currentPrefix = -1
        var subtableBase = 0
        var code = 0
        var index = 0
        for length in 1...longest {
            for _ in 0..<counts[length] {
                let symbol = sorted[index]
                index += 1
                let reversed = reverse(code, bits: length)
                code += 1
                let entry = payloads[symbol] | UInt32(length)
                if length <= primaryBits {
                    for slot in stride(from: reversed, to: primarySize, by: 1 << length) { table[slot] = entry }
                    continue
                }
                let prefix = reversed & (primarySize - 1)
                if prefix != currentPrefix {
                    guard nextSubtable + (1 << subBits) <= capacity else { throw .badCodeLengths("table overflow") }
                    currentPrefix = prefix
                    subtableBase = nextSubtable
                    table[prefix] = payload(.subtable, value: subtableBase, extra: subBits)
                    nextSubtable += 1 << subBits
                }
                for slot in stride(from: reversed >> primaryBits, to: 1 << subBits, by: 1 << (length - primaryBits)) {
                    table[subtableBase + slot] = entry
                }
            }
            code <<= 1
        }
    }

    /// `code`'s low `bits` bits in reverse order (Huffman codes are packed most significant bit first).
    private static func reverse(_ code: Int, bits: Int) -> Int {
        var result = 0
        var value = code
        for _ in 0..<bits {
            result = result << 1 | value & 1
            value >>= 1
        }
        return result
    }
}
