import Foundation
import Inbox
import ReportValidation

extension RegisterRecord {
    /// The record of a filed report read from its findings document (`nianbao.findings/2` with the
    /// daemon's receipt and tables): what the daemon records as it files, what the catch-up at start
    /// and `register rebuild` record from the output folders — one reading for all three.
    ///
    /// `filedAt` (microseconds since 1970) defaults to the document's `judgedAt`. Nil when the bytes
    /// are not a findings document nianbao wrote.
    package init?(findingsDocument bytes: [UInt8], folder: String, finalName: [UInt8], office: String, filedAt: Int64? = nil) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            (object["schema"] as? String)?.hasPrefix("nianbao.findings/") == true,
            let verdict = (object["verdict"] as? String).flatMap(Verdict.init(rawValue:))
        else { return nil }
        let counts = object["counts"] as? [String: Any] ?? [:]
        let findings = object["findings"] as? [[String: Any]] ?? []
        let received = (object["receivedAt"] as? String).flatMap(Self.epochMicroseconds(rfc3339:))
        let judged = (object["judgedAt"] as? String).flatMap(Self.epochMicroseconds(rfc3339:))
        let original: [UInt8]? =
            (object["originalNameHex"] as? String).flatMap(Self.bytes(hex:))
            ?? (object["originalName"] as? String).map { Array($0.utf8) }
        self.init(
            office: office, receivedAt: received, filedAt: filedAt ?? judged ?? received ?? 0, originalName: original,
            finalName: finalName, folder: folder, sha256: object["sha256"] as? String ?? "", size: object["size"] as? Int,
            agencyTitled: object["agencyTitled"] as? String, agencyMatched: object["agencyMatched"] as? String,
            year: object["year"] as? Int, format: (object["formatVersion"] as? String).flatMap(FormatVersion.init(rawValue:)),
            layout: object["layout"] as? String, verdict: verdict, errors: counts["errors"] as? Int ?? 0,
            warnings: counts["warnings"] as? Int ?? 0,
            codes: Array(Set(findings.compactMap { $0["code"] as? String })).sorted(),
            findingsJSON: String(decoding: bytes, as: UTF8.self),
            cells: RecordedCells(Self.cells(object["tables"] as? [[String: Any]] ?? [])),
            narrative: Self.narrative(object["narrative"] as? [[String: Any]] ?? []))
    }

    /// The `tables` array back into cells; an entry this version cannot read is left out.
    static func cells(_ entries: [[String: Any]]) -> [CellKey: RecordedCell] {
        var cells: [CellKey: RecordedCell] = [:]
        for entry in entries {
            guard let table = (entry["table"] as? String).flatMap(TableKind.init(rawValue:)),
                let row = entry["row"] as? String, let column = entry["column"] as? String,
                let value = (entry["kind"] as? String).flatMap({ RecordedValue(storedKind: $0, number: entry["number"] as? String) })
            else { continue }
            cells[CellKey(table, row: row, column: column)] = RecordedCell(
                value: value, raw: entry["raw"] as? String ?? "", line: entry["line"] as? Int)
        }
        return cells
    }

    static func narrative(_ entries: [[String: Any]]) -> [SectionKind: String] {
        var narrative: [SectionKind: String] = [:]
        for entry in entries {
            guard let section = (entry["section"] as? Int).flatMap(SectionKind.init(rawValue:)), let text = entry["text"] as? String
            else { continue }
            narrative[section] = text
        }
        return narrative
    }

    /// `2024-05-01T08:30:12.345Z` (what ``WallTime/rfc3339`` writes) in microseconds since 1970.
    package static func epochMicroseconds(rfc3339 text: String) -> Int64? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 20, utf8.last == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in utf8[range] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = number(17..<19), (1...12).contains(month)
        else { return nil }
        var fraction: Int64 = 0
        if utf8[19] == UInt8(ascii: "."), utf8.count > 21 {
            let digits = utf8[20..<(utf8.count - 1)].prefix(6)
            guard let value = number(20..<(20 + digits.count)) else { return nil }
            fraction = value
            for _ in digits.count..<6 { fraction *= 10 }
        }
        let days = Int64(CivilDate(year: Int(year), month: Int(month), day: Int(day)).dayNumber)
        return ((days * 86_400 + hour * 3_600 + minute * 60 + second) * 1_000_000) + fraction
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 0x30...0x39: digit - 0x30
        case 0x61...0x66: digit - 0x61 + 10
        case 0x41...0x46: digit - 0x41 + 10
        default: nil
        }
    }
}
