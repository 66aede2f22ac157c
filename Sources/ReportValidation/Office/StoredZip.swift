/// Writes a zip archive of stored (uncompressed) entries: enough for an xlsx package, which every
/// spreadsheet reader opens whether or not its parts are deflated. Hand-written because the pure
/// module has no Foundation and the mirror has no zip writer that is pure Swift without it.
struct StoredZip {
    private(set) var bytes: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0

    /// Why an archive could not be written: zip without the zip64 extension holds < 4 GiB, < 65,535 entries.
    struct TooLarge: Error, Sendable, Hashable {}

    /// Appends the entry `name` holding `data`.
    mutating func add(_ name: String, _ data: [UInt8]) throws(TooLarge) {
        let name = Array(name.utf8)
        guard data.count < Int(UInt32.max), bytes.count + data.count + 30 + name.count < Int(UInt32.max), count < 65_534
        else { throw TooLarge() }
        let crc = CRC32.checksum(data)
        let offset = UInt32(bytes.count)
        // Local file header: version 2.0, flag bit 11 (names are UTF-8), stored, DOS time 1980-01-01 00:00.
        var local: [UInt8] = []
        local.le32(0x0403_4B50)
        local.le16(20)
        local.le16(0x0800)
        local.le16(0)
        local.le16(0)
        local.le16(0x21)
        local.le32(crc)
        local.le32(UInt32(data.count))
        local.le32(UInt32(data.count))
        local.le16(UInt16(name.count))
        local.le16(0)
        bytes += local + name + data
        var entry: [UInt8] = []
        entry.le32(0x0201_4B50)
        entry.le16(20)
        entry += local[4..<30]  // version needed … name and extra lengths, as in the local header
        entry.le16(0)  // comment
        entry.le16(0)  // disk
        entry.le16(0)  // internal attributes
        entry.le32(0)  // external attributes
        entry.le32(offset)
        central += entry + name
        count += 1
    }

    /// The archive: the entries, the central directory and its end record.
    func archive() throws(TooLarge) -> [UInt8] {
        guard bytes.count + central.count + 22 < Int(UInt32.max) else { throw TooLarge() }
        var end: [UInt8] = []
        end.le32(0x0605_4B50)
        end.le16(0)
        end.le16(0)
        end.le16(UInt16(count))
        end.le16(UInt16(count))
        end.le32(UInt32(central.count))
        end.le32(UInt32(bytes.count))
        end.le16(0)
        return bytes + central + end
    }
}

extension [UInt8] {
    fileprivate mutating func le16(_ value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    fileprivate mutating func le32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}
