/// The state of one deflate decode: a 64-bit bit reader over the input and a growing output buffer.
///
/// Works on raw pointers (the caller keeps the input alive and calls ``deallocate()``) so the inner loop does
/// one table look-up per symbol and no allocation or bounds check per bit.
struct InflateDecoder {
    private let input: UnsafeBufferPointer<UInt8>
    private var position = 0
    /// Unconsumed input bits, least significant first; bits above `bitCount` are not meaningful.
    private var bitBuffer: UInt64 = 0
    private var bitCount = 0
    /// Zero bits fed in after the input ran out; consuming any of them means the stream is truncated.
    private var overrunBits = 0

    private var buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    private let limit: Int

    /// Literal/length table, then distance table, then code-length table, in one allocation.
    private let tables: UnsafeMutablePointer<UInt32>
    private var literalTable: UnsafeMutablePointer<UInt32> { tables }
    private var distanceTable: UnsafeMutablePointer<UInt32> { tables + HuffmanTable.literalCapacity }
    private var codeLengthTable: UnsafeMutablePointer<UInt32> {
        tables + HuffmanTable.literalCapacity + HuffmanTable.distanceCapacity
    }
    /// True while the tables hold the fixed code, so runs of fixed blocks do not rebuild them.
    private var hasFixedTables = false
    /// Code lengths of a block: 286 + 30 at most, then the code-length code's 19 from offset 320.
    private let lengths: UnsafeMutablePointer<UInt8>
    private let scratch: UnsafeMutablePointer<Int>

    init(input: UnsafeBufferPointer<UInt8>, limit: Int, sizeHint: Int) {
        self.input = input
        self.limit = limit
        capacity = min(limit, max(sizeHint, 4096))
        buffer = .allocate(capacity: capacity)
        let tableCount = HuffmanTable.literalCapacity + HuffmanTable.distanceCapacity + HuffmanTable.codeLengthCapacity
        tables = .allocate(capacity: tableCount)
        tables.initialize(repeating: 0, count: tableCount)
        lengths = .allocate(capacity: 320 + 19)
        lengths.initialize(repeating: 0, count: 320 + 19)
        scratch = .allocate(capacity: HuffmanTable.scratchCapacity)
        scratch.initialize(repeating: 0, count: HuffmanTable.scratchCapacity)
    }

    func deallocate() {
        buffer.deallocate()
        tables.deallocate()
        lengths.deallocate()
        scratch.deallocate()
    }

    /// A copy of the decoded bytes.
    func output() -> [UInt8] {
        Array(UnsafeBufferPointer(start: buffer, count: count))
    }

    /// Decodes blocks until the one marked final.
    mutating func run() throws(InflateError) {
        var isFinal = false
        while !isFinal {
            let header = try bits(3)
            isFinal = header & 1 == 1
            switch header >> 1 {
            case 0:
                try storedBlock()
            case 1:
                if !hasFixedTables { try buildFixedTables() }
                try huffmanBlock()
            case 2:
                try buildDynamicTables()
                try huffmanBlock()
            default:
                throw .invalidBlockType
            }
        }
    }

    // MARK: Bits

    /// Tops the bit buffer up to at least 56 bits, with zero bits (counted as overrun) past the input's end.
    @inline(__always) private mutating func refill() {
        if position + 8 <= input.count {
            let word = UInt64(
                littleEndian: UnsafeRawPointer(input.baseAddress! + position).loadUnaligned(as: UInt64.self))
            bitBuffer |= word << UInt64(bitCount)
            position += (63 - bitCount) >> 3
            bitCount |= 56
            return
        }
        while bitCount <= 56 {
            if position < input.count {
                bitBuffer |= UInt64(input[position]) << UInt64(bitCount)
                position += 1
            } else {
                overrunBits += 8
            }
            bitCount += 8
        }
    }

    /// Throws when bits past the end of the input were consumed.
    @inline(__always) private func checkOverrun() throws(InflateError) {
        if bitCount < overrunBits { throw .truncated }
    }

    @inline(__always) private mutating func consume(_ bits: Int) {
        bitBuffer >>= UInt64(bits)
        bitCount -= bits
    }

    /// The next `n` (≤ 32) bits as a number.
    private mutating func bits(_ n: Int) throws(InflateError) -> Int {
        if bitCount < n { refill() }
        let value = Int(bitBuffer & ((1 << UInt64(n)) - 1))
        consume(n)
        try checkOverrun()
        return value
    }

    /// Looks the next code up in `table` and consumes it; the entry tells what it decoded to.
    @inline(__always) private mutating func decode(_ table: UnsafeMutablePointer<UInt32>, primaryBits: Int) -> UInt32 {
        var entry = table[Int(bitBuffer & ((1 << UInt64(primaryBits)) - 1))]
        if HuffmanTable.kind(entry) == HuffmanTable.Kind.subtable.rawValue {
            let index = Int((bitBuffer >> UInt64(primaryBits)) & ((1 << UInt64(HuffmanTable.extraBits(entry))) - 1))
            entry = table[HuffmanTable.value(entry) + index]
        }
        consume(HuffmanTable.codeBits(entry))
        return entry
    }

    // MARK: Output

    /// Makes room for `needed` bytes in all, or throws when that passes the limit.
    @inline(__always) private mutating func reserve(_ needed: Int) throws(InflateError) {
        guard needed > capacity else { return }
        guard needed <= limit else { throw .outputLimitExceeded(limit: limit) }
        let grown = min(limit, max(needed, capacity * 2))
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        larger.update(from: buffer, count: count)
        buffer.deallocate()
        buffer = larger
        capacity = grown
    }

    // MARK: Blocks

    /// A stored block: byte-aligned LEN, NLEN, then LEN bytes copied as they are.
    private mutating func storedBlock() throws(InflateError) {
        consume(bitCount & 7)
        try checkOverrun()
        // Give back the whole bytes still buffered, then read straight from the input.
        position -= (bitCount - overrunBits) >> 3
        bitBuffer = 0
        bitCount = 0
        overrunBits = 0
        guard position + 4 <= input.count else { throw .truncated }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
        position += 4
        guard length == ~complement & 0xFFFF else {
            throw .storedLengthMismatch(length: length, complement: complement)
        }
        guard position + length <= input.count else { throw .truncated }
        try reserve(count + length)
        (buffer + count).update(from: input.baseAddress! + position, count: length)
        count += length
        position += length
    }

    /// Literals and back-references until the end-of-block code.
    private mutating func huffmanBlock() throws(InflateError) {
        let literalBits = HuffmanTable.literalPrimaryBits
        let distanceBits = HuffmanTable.distancePrimaryBits
        while true {
            // 56 bits cover the longest pair: 15 + 5 length bits, 15 + 13 distance bits. Literals are checked
            // for overrun here, before each refill, rather than one by one.
            if bitCount < 48 {
                try checkOverrun()
                refill()
            }
            let entry = decode(literalTable, primaryBits: literalBits)
            let kind = HuffmanTable.kind(entry)
            if kind == HuffmanTable.Kind.literal.rawValue {
                if count >= capacity { try reserve(count + 1) }
                buffer[count] = UInt8(truncatingIfNeeded: entry >> 16)
                count += 1
                continue
            }
            if kind == HuffmanTable.Kind.endOfBlock.rawValue {
                try checkOverrun()
                return
            }
            guard kind == HuffmanTable.Kind.length.rawValue else {
                try checkOverrun()
                throw .invalidCode(table: "literal/length")
            }
            let lengthExtra = HuffmanTable.extraBits(entry)
            let length = HuffmanTable.value(entry) + Int(bitBuffer & ((1 << UInt64(lengthExtra)) - 1))
            consume(lengthExtra)
            let distanceEntry = decode(distanceTable, primaryBits: distanceBits)
            guard HuffmanTable.kind(distanceEntry) == HuffmanTable.Kind.distance.rawValue else {
                try checkOverrun()
                throw .invalidCode(table: "distance")
            }
            let distanceExtra = HuffmanTable.extraBits(distanceEntry)
            let distance = HuffmanTable.value(distanceEntry) + Int(bitBuffer & ((1 << UInt64(distanceExtra)) - 1))
            consume(distanceExtra)
            try checkOverrun()
            guard distance <= count else { throw .distanceTooFarBack(distance: distance, available: count) }
            if count + length > capacity { try reserve(count + length) }
            copyMatch(length: length, distance: distance)
        }
    }

    /// Appends `length` bytes copied from `distance` back; the regions overlap when `distance < length`.
    @inline(__always) private mutating func copyMatch(length: Int, distance: Int) {
        let target = buffer + count
        let source = target - distance
        if distance >= length {
            target.update(from: source, count: length)
        } else if distance == 1 {
            target.update(repeating: source.pointee, count: length)
        } else {
            for index in 0..<length { target[index] = source[index] }
        }
        count += length
    }

    // MARK: Tables

    private mutating func buildFixedTables() throws(InflateError) {
        HuffmanTable.fixedLiteralLengths.withUnsafeBufferPointer { lengths.update(from: $0.baseAddress!, count: 288) }
        try buildTable(.literal, lengths: UnsafeBufferPointer(start: lengths, count: 288))
        (lengths + 288).update(repeating: 5, count: 32)
        try buildTable(.distance, lengths: UnsafeBufferPointer(start: lengths + 288, count: 32))
        hasFixedTables = true
    }

    private enum Table { case literal, distance, codeLength }

    private func buildTable(_ table: Table, lengths: UnsafeBufferPointer<UInt8>) throws(InflateError) {
        switch table {
        case .literal:
            try HuffmanTable.build(
                lengths: lengths, payloads: HuffmanTable.literalPayloads, primaryBits: HuffmanTable.literalPrimaryBits,
                into: literalTable, capacity: HuffmanTable.literalCapacity, allowsIncomplete: true, scratch: scratch)
        case .distance:
            try HuffmanTable.build(
                lengths: lengths, payloads: HuffmanTable.distancePayloads,
                primaryBits: HuffmanTable.distancePrimaryBits,
                into: distanceTable, capacity: HuffmanTable.distanceCapacity, allowsIncomplete: true, scratch: scratch)
        case .codeLength:
            try HuffmanTable.build(
                lengths: lengths, payloads: HuffmanTable.codeLengthPayloads,
                primaryBits: HuffmanTable.codeLengthPrimaryBits, into: codeLengthTable,
                capacity: HuffmanTable.codeLengthCapacity, allowsIncomplete: false, scratch: scratch)
        }
    }

    /// The order in which a dynamic header lists the code-length code's lengths.
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Reads a dynamic block's header (RFC 1951 §3.2.7) and builds its two tables.
    private mutating func buildDynamicTables() throws(InflateError) {
        hasFixedTables = false
        let literalCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeLengthCount = try bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else {
            throw .badCodeLengths("too many length or distance symbols")
        }
        let codeLengthLengths = lengths + 320
        codeLengthLengths.update(repeating: 0, count: 19)
        for index in 0..<codeLengthCount {
            codeLengthLengths[Self.codeLengthOrder[index]] = UInt8(try bits(3))
        }
        try buildTable(.codeLength, lengths: UnsafeBufferPointer(start: codeLengthLengths, count: 19))
        let total = literalCount + distanceCount
        var index = 0
        while index < total {
            if bitCount < 16 { refill() }
            let entry = decode(codeLengthTable, primaryBits: HuffmanTable.codeLengthPrimaryBits)
            try checkOverrun()
            guard HuffmanTable.kind(entry) == HuffmanTable.Kind.codeLength.rawValue else {
                throw .invalidCode(table: "code-length")
            }
            let symbol = HuffmanTable.value(entry)
            if symbol < 16 {
                lengths[index] = UInt8(symbol)
                index += 1
                continue
            }
            var repeated: UInt8 = 0
            let times: Int
            switch symbol {
            case 16:
                guard index > 0 else { throw .badCodeLengths("repeat with no previous length") }
                repeated = lengths[index - 1]
                times = 3 + (try bits(2))
            case 17: times = 3 + (try bits(3))
            default: times = 11 + (try bits(7))
            }
            guard index + times <= total else { throw .badCodeLengths("repeat past the last length") }
            for offset in 0..<times { lengths[index + offset] = repeated }
            index += times
        }
        guard lengths[256] > 0 else { throw .badCodeLengths("no end-of-block code") }
        try buildTable(.literal, lengths: UnsafeBufferPointer(start: lengths, count: literalCount))
        try buildTable(.distance, lengths: UnsafeBufferPointer(start: lengths + literalCount, count: distanceCount))
    }
}
