/// A file size limit as an administrator writes it: `20M`, `512K`, `1G` (binary units) or plain bytes.
public struct ByteSize: Sendable, Hashable, CustomStringConvertible {
    public var bytes: Int

    public init(bytes: Int) {
        self.bytes = bytes
    }

    /// The default largest report nianbao reads: 20 MiB (real reports are well under 1 MiB as text).
    public static let defaultLimit = ByteSize(bytes: 20 * 1024 * 1024)

    /// Parses `20M`, `20MiB`, `20MB`, `512k`, `1G` or `1048576`; nil for anything else, zero or overflow.
    public init?(parsing text: String) {
        let trimmed = TerminalText.trimmed(text)
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let value = Int(digits) else { return nil }
        let multiplier: Int
        switch trimmed.dropFirst(digits.count).lowercased() {
        case "", "b": multiplier = 1
        case "k", "kb", "kib": multiplier = 1024
        case "m", "mb", "mib": multiplier = 1024 * 1024
        case "g", "gb", "gib": multiplier = 1024 * 1024 * 1024
        default: return nil
        }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: multiplier)
        guard !overflow, bytes > 0 else { return nil }
        self.bytes = bytes
    }

    /// The size in the largest whole binary unit: `20 MiB`, `1536 KiB`, `100 bytes`.
    public var description: String {
        for (unit, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes % size == 0 {
            return "\(bytes / size) \(unit)"
        }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }
}
