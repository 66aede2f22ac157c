import Logging

/// One `NAME=value` field of a journal entry, as sd_journal_sendv(3) sends it.
package struct JournalField: Sendable, Equatable, CustomStringConvertible {
    /// A valid journal field name: `[A-Z0-9_]`, not starting with `_` or a digit, at most 64 bytes.
    package let name: String
    package let value: String

    /// A field with a name already known to be valid (MESSAGE, PRIORITY…).
    init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// A field whose name comes from arbitrary text (a metadata key), made valid by ``sanitizedName(_:)``.
    package init(sanitizing key: String, value: String) {
        self.init(Self.sanitizedName(key), value)
    }

    /// The bytes sent: `NAME=value` (values may span lines; libsystemd frames them).
    package var bytes: [UInt8] { Array(name.utf8) + [UInt8(ascii: "=")] + Array(value.utf8) }

    package var description: String { "\(name)=\(value)" }

    /// Maximum length journald accepts for a field name.
    package static let maximumNameLength = 64

    /// A metadata key as a journal field name: letters upper-cased, digits and `_` kept, every run
    /// of other characters one `_`, leading and trailing `_` dropped (`_` starts the trusted fields
    /// journald sets itself), a digit start prefixed with `F`, cut to 64 bytes:
    /// `nianbao_verdict` → `NIANBAO_VERDICT`, `nianbao.size (bytes)` → `NIANBAO_SIZE_BYTES`.
    package static func sanitizedName(_ key: String) -> String {
        var name = ""
        var inRun = false
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                name.append(Character(Unicode.Scalar(byte - 32)))
                inRun = false
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                name.append(Character(Unicode.Scalar(byte)))
                inRun = false
            default:
                if !inRun { name.append("_") }
                inRun = true
            }
        }
        var trimmed = Substring(name).drop { $0 == "_" }
        while trimmed.last == "_" { trimmed = trimmed.dropLast() }
        guard let first = trimmed.first else { return "FIELD" }
        let valid = first.isNumber ? "F" + trimmed : String(trimmed)
        return String(valid.prefix(maximumNameLength))
    }
}

/// syslog(3) priorities as journald's `PRIORITY=` field expects them.
package enum JournalPriority: Int, Sendable, Comparable {
    case emergency = 0
    case alert, critical, error, warning, notice, info, debug

    /// swift-log's level as a priority: trace and debug are `debug`, critical is `crit`.
    package init(_ level: Logger.Level) {
        switch level {
        case .trace, .debug: self = .debug
        case .info: self = .info
        case .notice: self = .notice
        case .warning: self = .warning
        case .error: self = .error
        case .critical: self = .critical
        }
    }

    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
