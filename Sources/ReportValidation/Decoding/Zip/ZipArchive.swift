/// A zip archive read from memory: its directory on opening, an entry's bytes only when asked for.
///
/// Everything comes from the central directory found through the end-of-central-directory record; local
/// headers are read only to find where an entry's data starts (their sizes, zero when flag bit 3 defers
/// them to a data descriptor, are ignored). Stored and deflated entries are read and CRC-checked;
/// encrypted, otherwise compressed, ZIP64 and multi-volume archives are refused, and so is an archive naming
/// any entry with a path-traversal name, even though nothing is written to disk: no honest tool makes one.
public struct ZipArchive: Sendable {
    /// One entry of the central directory.
    public struct Entry: Sendable, Hashable {
        public var name: String
        /// 0 stored, 8 deflate; others are refused on extraction.
        public var method: Int
        public var flags: Int
        public var crc32: UInt32
        public var compressedSize: Int
        public var uncompressedSize: Int
        public var localHeaderOffset: Int
        /// The name's bytes as stored, to compare with the local header.
        var rawName: [UInt8]

        /// Flag bit 0 (traditional encryption), bit 6 (strong encryption) or method 99 (AES).
        public var isEncrypted: Bool { flags & 0x41 != 0 || method == 99 }
    }

    public let entries: [Entry]
    public let limits: ZipLimits
    private let bytes: [UInt8]
    private var extractedTotal = 0

    private static let endRecordSignature: UInt32 = 0x0605_4B50
    private static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    private static let centralSignature: UInt32 = 0x0201_4B50
    private static let localSignature: UInt32 = 0x0403_4B50

    /// Reads the directory of the archive `bytes`, checking the entry count and every name.
    public init(_ bytes: [UInt8], limits: ZipLimits = ZipLimits()) throws(ZipError) {
        self.bytes = bytes
        self.limits = limits
        guard let end = Self.endRecordOffset(bytes) else {
            // Local headers but no directory: the tail of the file is missing.
            if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
                throw .truncated(part: LocalizedText(zh: "ZIP 中央目录", en: "the ZIP central directory"))
            }
            throw .notAnArchive
        }
        let reader = ByteReader(bytes)
        let disk = reader.uint16(end + 4)
        let directoryDisk = reader.uint16(end + 6)
        let entriesOnDisk = reader.uint16(end + 8)
        let entryCount = reader.uint16(end + 10)
        let directorySize = reader.uint32(end + 12)
        let directoryOffset = reader.uint32(end + 16)
        if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF
            || (end >= 20 && reader.uint32(end - 20) == Self.zip64LocatorSignature)
        {
            throw .zip64
        }
        guard disk == 0, directoryDisk == 0, entriesOnDisk == entryCount else { throw .multiVolume }
        guard entryCount <= limits.maximumEntryCount else {
            throw .tooManyEntries(count: entryCount, limit: limits.maximumEntryCount)
        }
        guard directoryOffset + directorySize <= end else {
            throw .malformed(LocalizedText(zh: "中央目录超出文件范围", en: "the central directory lies outside the file"))
        }
        entries = try Self.readDirectory(
            reader, from: directoryOffset, to: directoryOffset + directorySize, count: entryCount)
    }

    /// The entry called `name`, if the archive has one.
    public func entry(named name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// The bytes of entry `name`, or nil when the archive has no such entry.
    ///
    /// Checks the declared size against the limits before decoding, stops decoding as soon as the output
    /// passes the declared size, and verifies the result's size and CRC-32.
    public mutating func extract(_ name: String) throws(ZipError) -> [UInt8]? {
        guard let entry = entry(named: name) else { return nil }
        guard !entry.isEncrypted else { throw .encrypted(name: name) }
        guard entry.method == 0 || entry.method == 8 else { throw .unsupportedMethod(name: name, method: entry.method) }
        // Declared sizes are checked here and then enforced on the bytes produced (see `inflate`).
        let remaining = limits.maximumTotalSize - extractedTotal
        if entry.uncompressedSize > limits.ratioLimit(compressedSize: entry.compressedSize) {
            throw .compressionRatio(name: name, ratio: limits.maximumCompressionRatio)
        }
        if entry.uncompressedSize > limits.maximumEntrySize {
            throw .entryTooLarge(name: name, limit: limits.maximumEntrySize)
        }
        if entry.uncompressedSize > remaining { throw .totalTooLarge(limit: limits.maximumTotalSize) }
        let data = try dataRange(of: entry)
        let output: [UInt8]
        if entry.method == 0 {
            guard entry.compressedSize == entry.uncompressedSize else {
                throw .sizeMismatch(name: name, declared: entry.uncompressedSize, actual: entry.compressedSize)
            }
            output = Array(bytes[data])
        } else {
            output = try inflate(entry, data)
        }
        guard output.count == entry.uncompressedSize else {
            throw .sizeMismatch(name: name, declared: entry.uncompressedSize, actual: output.count)
        }
        let crc = CRC32.checksum(output)
        guard crc == entry.crc32 else { throw .crcMismatch(name: name, expected: entry.crc32, actual: crc) }
        extractedTotal += output.count
        return output
    }

    /// Inflates `entry`, stopping as soon as it passes its declared size (which the checks before
    /// extraction hold within every limit): a header that under-declares is a lie, and decoding on would
    /// only feed a bomb.
    private func inflate(_ entry: Entry, _ data: Range<Int>) throws(ZipError) -> [UInt8] {
        do {
            return try Inflate.decompress(bytes[data], limit: entry.uncompressedSize, sizeHint: entry.uncompressedSize)
        } catch .outputLimitExceeded {
            throw .expandsBeyondDeclaredSize(name: entry.name, declared: entry.uncompressedSize)
        } catch {
            throw .corruptData(name: entry.name, error)
        }
    }

    /// Where `entry`'s compressed bytes are, found through its local header.
    private func dataRange(of entry: Entry) throws(ZipError) -> Range<Int> {
        let reader = ByteReader(bytes)
        let offset = entry.localHeaderOffset
        guard offset + 30 <= bytes.count else {
            throw .truncated(part: LocalizedText(zh: "条目 \(entry.name) 的本地头", en: "the local header of \(entry.name)"))
        }
        guard reader.uint32(offset) == Self.localSignature else {
            throw .malformed(LocalizedText(zh: "条目 \(entry.name) 没有本地头", en: "entry \(entry.name) has no local header"))
        }
        let nameLength = reader.uint16(offset + 26)
        let extraLength = reader.uint16(offset + 28)
        let nameStart = offset + 30
        guard nameStart + nameLength <= bytes.count,
            bytes[nameStart..<nameStart + nameLength].elementsEqual(entry.rawName)
        else {
            throw .malformed(
                LocalizedText(
                    zh: "条目 \(entry.name) 的本地头与中央目录不一致",
                    en: "the local header of \(entry.name) does not match the central directory"))
        }
        let start = nameStart + nameLength + extraLength
        guard start + entry.compressedSize <= bytes.count else {
            throw .truncated(part: LocalizedText(zh: "条目 \(entry.name) 的数据", en: "the data of \(entry.name)"))
        }
        return start..<start + entry.compressedSize
    }

    /// The offset of the end-of-central-directory record: searched backwards over the longest comment,
    /// preferring a record whose comment ends exactly at the end of the file.
    static func endRecordOffset(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        let reader = ByteReader(bytes)
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var fallback: Int?
        var offset = bytes.count - 22
        while offset >= lowest {
            if bytes[offset] == 0x50, reader.uint32(offset) == endRecordSignature {
                let commentEnd = offset + 22 + reader.uint16(offset + 20)
                if commentEnd == bytes.count { return offset }
                if commentEnd < bytes.count, fallback == nil { fallback = offset }
            }
            offset -= 1
        }
        return fallback
    }

    /// Reads `count` central-directory records from `start`, refusing unsafe and duplicate names.
    private static func readDirectory(_ reader: ByteReader, from start: Int, to end: Int, count: Int) throws(ZipError)
        -> [Entry]
    {
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        var names = Set<[UInt8]>()
        var offset = start
        for _ in 0..<count {
            guard offset + 46 <= end else {
                throw .truncated(part: LocalizedText(zh: "ZIP 中央目录", en: "the ZIP central directory"))
            }
            guard reader.uint32(offset) == centralSignature else {
                throw .malformed(LocalizedText(zh: "中央目录记录签名错误", en: "a central directory record has a bad signature"))
            }
            let nameLength = reader.uint16(offset + 28)
            let recordEnd = offset + 46 + nameLength + reader.uint16(offset + 30) + reader.uint16(offset + 32)
            guard recordEnd <= end else {
                throw .truncated(part: LocalizedText(zh: "ZIP 中央目录", en: "the ZIP central directory"))
            }
            let rawName = Array(reader.bytes[offset + 46..<offset + 46 + nameLength])
            let name = String(decoding: rawName, as: UTF8.self)
            guard EntryName.isSafe(rawName) else { throw .unsafeName(name) }
            guard names.insert(rawName).inserted else {
                throw .malformed(LocalizedText(zh: "条目 \(name) 重复出现", en: "entry \(name) appears twice"))
            }
            let compressedSize = reader.uint32(offset + 20)
            let uncompressedSize = reader.uint32(offset + 24)
            let localOffset = reader.uint32(offset + 42)
            if compressedSize == 0xFFFF_FFFF || uncompressedSize == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF {
                throw .zip64
            }
            entries.append(
                Entry(
                    name: name, method: reader.uint16(offset + 10), flags: reader.uint16(offset + 8),
                    crc32: UInt32(reader.uint32(offset + 16)), compressedSize: compressedSize,
                    uncompressedSize: uncompressedSize, localHeaderOffset: localOffset, rawName: rawName))
            offset = recordEnd
        }
        return entries
    }
}

/// Little-endian fields of a byte array; callers check bounds first.
struct ByteReader {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func uint16(_ offset: Int) -> Int {
        Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
    }

    func uint32(_ offset: Int) -> Int {
        uint16(offset) | uint16(offset + 2) << 16
    }
}

/// The path-traversal check for entry names.
enum EntryName {
    /// False for a name with NUL, a backslash, a leading `/`, a drive letter (`C:`) or a `..` component.
    ///
    /// A `\` right after a byte ≥ 0x80 is let through: names written in GBK by Chinese Windows tools
    /// (without the UTF-8 flag) use 0x5C as the second byte of some characters.
    static func isSafe(_ name: [UInt8]) -> Bool {
        if name.first == UInt8(ascii: "/") { return false }
        if name.count >= 2, name[1] == UInt8(ascii: ":"), (name[0] | 0x20) >= UInt8(ascii: "a"),
            (name[0] | 0x20) <= UInt8(ascii: "z")
        {
            return false
        }
        var componentStart = 0
        for (index, byte) in name.enumerated() {
            if byte == 0 { return false }
            if byte == UInt8(ascii: "\\"), index == 0 || name[index - 1] < 0x80 { return false }
            if byte == UInt8(ascii: "/") {
                if isParent(name[componentStart..<index]) { return false }
                componentStart = index + 1
            }
        }
        return !isParent(name[componentStart...])
    }

    private static func isParent(_ component: ArraySlice<UInt8>) -> Bool {
        component.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")])
    }
}
