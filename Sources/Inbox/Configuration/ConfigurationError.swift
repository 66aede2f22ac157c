/// Why a config file was refused, located at its file and line so an administrator can go straight there.
///
/// The description is the whole message, compiler-style:
/// `/etc/nianbao/nianbao.conf:12: unknown key "SettelPeriod" in [Inbox]; did you mean "SettlePeriod"?`
package struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The config file's path, as given.
    package var path: String
    /// The 1-based line of the problem; nil for problems with the whole file (it cannot be read).
    package var line: Int?
    /// What is wrong.
    package var problem: Problem

    package init(path: String, line: Int?, problem: Problem) {
        self.path = path
        self.line = line
        self.problem = problem
    }

    /// The kinds of problem a config file can have.
    package enum Problem: Hashable, Sendable, CustomStringConvertible {
        /// The file cannot be opened or read.
        case unreadable(SystemCallError)
        /// The path names a directory, FIFO or other non-regular file.
        case notRegularFile
        /// The file is larger than any sensible config file.
        case tooLarge(limit: Int)
        /// A line is not valid UTF-8.
        case notUTF8
        /// A `[Section]` header names no known section.
        case unknownSection(String, suggestion: String?)
        /// A `[` line that is not a well-formed `[Section]` header.
        case malformedSection(String)
        /// A `Key=Value` before any `[Section]` header.
        case keyOutsideSection(String)
        /// A key its section does not have; `suggestion` is the closest known key of that section.
        case unknownKey(String, section: String, suggestion: String?)
        /// A known key under the wrong section header.
        case wrongSection(key: String, section: String, belongsIn: String)
        /// A line that is neither a comment, a section header nor `Key=Value`.
        case missingEquals(String)
        /// A known key with a value it cannot take; `reason` says what is expected.
        case badValue(key: String, value: String, reason: String)
        /// The agency directory (`agencies.csv`) cannot be used: why, in both languages.
        case badAgencyDirectory(en: String, zh: String)

        package var description: String {
            switch self {
            case .unreadable(let error):
                "cannot read: \(error.message) (errno \(error.errno.rawValue))"
            case .notRegularFile:
                "not a regular file"
            case .tooLarge(let limit):
                "larger than \(limit) bytes; this is not a nianbao config file"
            case .notUTF8:
                "not valid UTF-8"
            case .unknownSection(let name, let suggestion):
                "unknown section [\(name)]" + Self.hint(suggestion.map { "[\($0)]" })
                    + "; sections are [Inbox], [Findings], [Register], [Notify] and [Notify.NAME]"
            case .malformedSection(let text):
                "malformed section header \"\(text)\"; write [Inbox], [Findings] or [Register]"
            case .keyOutsideSection(let key):
                "key \"\(key)\" comes before any section; put it under [Inbox], [Findings] or [Register]"
            case .unknownKey(let key, let section, let suggestion):
                "unknown key \"\(key)\" in [\(section)]" + Self.hint(suggestion.map { "\"\($0)\"" })
            case .wrongSection(let key, let section, let belongsIn):
                "key \"\(key)\" belongs in [\(belongsIn)], not in [\(section)]"
            case .missingEquals(let text):
                "expected Key=Value, a [Section] or a comment, found \"\(text)\""
            case .badValue(let key, let value, let reason):
                "bad value \"\(value)\" for \(key): \(reason)"
            case .badAgencyDirectory(let en, let zh):
                "agency directory: \(en) / 机关名录：\(zh)"
            }
        }

        private static func hint(_ suggestion: String?) -> String {
            suggestion.map { "; did you mean \($0)?" } ?? ""
        }
    }

    /// Whether the file simply does not exist (at the default path that means "use the defaults").
    package var isMissingFile: Bool {
        if case .unreadable(let error) = problem { return error.errno.rawValue == 2 }  // ENOENT
        return false
    }

    /// `path:line: problem`, or `path: problem` for the whole file.
    package var description: String {
        let location = line.map { "\(path):\($0)" } ?? path
        return "\(location): \(problem)"
    }
}
