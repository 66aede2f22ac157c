/// What the daemon knows about a report beyond its content: the name it arrived under, its size and
/// digest, and when it was received and judged. Appended to the findings JSON beside a judged report.
///
/// Pure data: the daemon computes the digest and formats the times (RFC 3339) before handing them over.
public struct FindingsReceipt: Sendable, Hashable {
    /// The name the report had in the inbox, for display (lossy UTF-8 when the name is not UTF-8).
    public var originalName: String
    /// The original name's bytes in lowercase hex when they are not valid UTF-8 (e.g. a GBK name), else nil.
    public var originalNameHex: String?
    /// The report's size in bytes (nil for what is not a regular file).
    public var size: Int?
    /// The SHA-256 of the report's bytes in lowercase hex (nil when the bytes were not read).
    public var sha256: String?
    /// When the daemon claimed the report, RFC 3339 in UTC.
    public var receivedAt: String
    /// When the verdict was reached, RFC 3339 in UTC.
    public var judgedAt: String
    /// The agency directory's name for the titled agency (nil: no directory, or no entry fits).
    public var agencyMatched: String?

    public init(
        originalName: String, originalNameHex: String? = nil, size: Int?, sha256: String?,
        receivedAt: String, judgedAt: String, agencyMatched: String? = nil
    ) {
        self.agencyMatched = agencyMatched
        self.originalName = originalName
        self.originalNameHex = originalNameHex
        self.size = size
        self.sha256 = sha256
        self.receivedAt = receivedAt
        self.judgedAt = judgedAt
    }
}

extension FindingsJSON {
    /// One file as a JSON object with the daemon's receipt appended after the `check` keys
    /// (`originalName`, `originalNameHex`, `size`, `sha256`, `receivedAt`, `judgedAt`), then what the
    /// register keeps of it (`agencyTitled`, `agencyMatched`, `tables`, `narrative`), so that a register
    /// can be rebuilt from the output folders alone.
    public func render(_ file: CheckedFile, receipt: FindingsReceipt) -> String {
        guard case .object(let members) = value(of: file) else { return value(of: file).rendered }
        let extra = [
            JSONMember("originalName", .string(receipt.originalName)),
            JSONMember("originalNameHex", .string(receipt.originalNameHex)),
            JSONMember("size", .int(receipt.size)),
            JSONMember("sha256", .string(receipt.sha256)),
            JSONMember("receivedAt", .string(receipt.receivedAt)),
            JSONMember("judgedAt", .string(receipt.judgedAt)),
        ]
        let snapshot = file.result.snapshot
        let register = [
            JSONMember("agencyTitled", .string(snapshot?.agency)),
            JSONMember("agencyMatched", .string(receipt.agencyMatched)),
            JSONMember("tables", .array((snapshot?.cells ?? [:]).sorted { $0.key < $1.key }.map(Self.value(of:)))),
            JSONMember(
                "narrative",
                .array(
                    (snapshot?.narrative ?? [:]).sorted { $0.key < $1.key }.map { section, text in
                        .object([JSONMember("section", .int(section.rawValue)), JSONMember("text", .string(text))])
                    })),
        ]
        return JSONValue.object(members + extra + register).rendered
    }

    /// One cell of `tables`: where it is by the template's labels, and what it held as read.
    static func value(of cell: (key: CellKey, value: RecordedCell)) -> JSONValue {
        .object([
            JSONMember("table", .string(cell.key.table.rawValue)),
            JSONMember("row", .string(cell.key.row)),
            JSONMember("column", .string(cell.key.column)),
            JSONMember("kind", .string(cell.value.value.storedKind)),
            JSONMember("number", .string(cell.value.value.storedNumber)),
            JSONMember("raw", .string(cell.value.raw)),
            JSONMember("line", .int(cell.value.line)),
        ])
    }
}
