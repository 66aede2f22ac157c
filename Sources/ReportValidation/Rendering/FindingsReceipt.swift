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

    public init(
        originalName: String, originalNameHex: String? = nil, size: Int?, sha256: String?,
        receivedAt: String, judgedAt: String
    ) {
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
    /// (`originalName`, `originalNameHex`, `size`, `sha256`, `receivedAt`, `judgedAt`).
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
        return JSONValue.object(members + extra).rendered
    }
}
