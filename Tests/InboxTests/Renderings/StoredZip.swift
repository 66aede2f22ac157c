/// A minimal ZIP writer for test containers: entries stored (method 0, no compression) with their CRC-32,
/// local headers, a central directory and the end-of-central-directory record. No ZIP64, no data
/// descriptors; names are written as given (ASCII in practice).
///
/// The ReportValidation test target has its own `ZipWriter` (Tests/ReportValidationTests/Support); the two
/// can become one in a shared test-support target.
enum StoredZip {
    /// The archive holding `entries` in order.
    static func archive(_ entries: [(name: String, data: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8)
            let crc = CRC32.checksum(entry.data)
            let offset = UInt32(out.count)
            // Local file header.
            out.le32(0x0403_4B50)
            out.le16(20)  // version needed: 2.0
            out.le16(0)  // flags
            out.le16(0)  // method: stored
            out.le16(0)  // time 00:00
            out.le16(0x21)  // date 1980-01-01
            out.le32(crc)
            out.le32(UInt32(entry.data.count))
            out.le32(UInt32(entry.data.count))
            out.le16(UInt16(name.count))
            out.le16(0)  // extra length
            out += name
            out += entry.data
            // Central directory header.
            central.le32(0x0201_4B50)
            central.le16(20)  // version made by
            central.le16(20)  // version needed
            central.le16(0)
            central.le16(0)
            central.le16(0)
            central.le16(0x21)
            central.le32(crc)
            central.le32(UInt32(entry.data.count))
            central.le32(UInt32(entry.data.count))
            central.le16(UInt16(name.count))
            central.le16(0)  // extra length
            central.le16(0)  // comment length
            central.le16(0)  // disk number
            central.le16(0)  // internal attributes
            central.le32(0)  // external attributes
            central.le32(offset)
            central += name
        }
        let centralOffset = UInt32(out.count)
        out += central
        // End of central directory.
        out.le32(0x0605_4B50)
        out.le16(0)
        out.le16(0)
        out.le16(UInt16(entries.count))
        out.le16(UInt16(entries.count))
        out.le32(UInt32(central.count))
        out.le32(centralOffset)
        out.le16(0)  // comment length
        return out
    }
}

/// CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320) as ZIP uses it.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
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
