import Glibc

/// Reads `nianbao.conf`, a systemd-style file of `[Section]`s and `Key=Value` lines, into ``InboxSettings``.
///
/// The rules are those of `journald.conf`: `#` and `;` start a comment line, whitespace around keys
/// and values is ignored, a repeated key's last value wins, and an empty value restores the default.
/// Unlike systemd, an unknown section or key is an error, so a typo never silently falls back to
/// a default. Every error names the file and line.
package enum DaemonConfiguration {
    /// Where the packaged config file is installed; when it is missing the defaults apply.
    package static let defaultPath = "/etc/nianbao/nianbao.conf"

    /// Larger files are refused unread: the real one is a few kilobytes.
    package static let maximumFileSize = 1 << 20

    /// Every `Section.Key` the file may set, in the order the shipped file lists them (e.g. `Inbox.Root`).
    package static var keyNames: [String] {
        ConfigurationKey.all.map { "\($0.section.rawValue).\($0.name)" }
    }

    /// Parses the text of a config file; `path` only labels errors.
    ///
    /// Keys not in the file keep their ``InboxSettings`` defaults.
    package static func parse(text: String, path: String) throws(ConfigurationError) -> InboxSettings {
        var settings = InboxSettings()
        var section: ConfigurationSection?
        var sectionName: String?
        var skipping = false
        for (offset, rawLine) in lines(of: text).enumerated() {
            let lineNumber = offset + 1
            func fail(_ problem: ConfigurationError.Problem) -> ConfigurationError {
                ConfigurationError(path: path, line: lineNumber, problem: problem)
            }
            let line = trimmed(rawLine)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if skipping, !line.hasPrefix("[") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else { throw fail(.malformedSection(line)) }
                let name = trimmed(String(line.dropFirst().dropLast()))
                // `[Notify]` and `[Notify.NAME]` belong to the notifier, which reads them itself.
                if isNotifySection(name) {
                    section = nil
                    sectionName = nil
                    skipping = true
                    continue
                }
                skipping = false
                guard let known = ConfigurationSection(rawValue: name) else {
                    let suggestion = NameSuggestion.closest(
                        to: name, among: ConfigurationSection.allCases.map(\.rawValue))
                    throw fail(.unknownSection(name, suggestion: suggestion))
                }
                section = known
                sectionName = name
                continue
            }
            guard let equals = line.firstIndex(of: "="), equals != line.startIndex else {
                throw fail(.missingEquals(line))
            }
            let keyName = trimmed(String(line[..<equals]))
            let value = trimmed(String(line[line.index(after: equals)...]))
            guard let section, let sectionName else { throw fail(.keyOutsideSection(keyName)) }
            guard let key = ConfigurationKey.all.first(where: { $0.section == section && $0.name == keyName }) else {
                throw fail(unknownKeyProblem(keyName, in: section, named: sectionName))
            }
            do {
                try key.apply(value, &settings)
            } catch {
                throw fail(.badValue(key: keyName, value: error.shown ?? value, reason: error.reason))
            }
        }
        return settings
    }

    /// Reads and parses the config file at `path` (a symbolic link to it is fine: it is root's file).
    ///
    /// A missing file throws an error whose ``ConfigurationError/isMissingFile`` is true: the caller
    /// decides whether that means "use the defaults" (the default path) or is an error (`--config`).
    package static func load(path: String) throws(ConfigurationError) -> InboxSettings {
        let file: RawFile
        do {
            file = try readRaw(path)
        } catch {
            throw ConfigurationError(path: path, line: nil, problem: .unreadable(error))
        }
        let bytes: [UInt8]
        switch file {
        case .bytes(let read): bytes = read
        case .notRegular: throw ConfigurationError(path: path, line: nil, problem: .notRegularFile)
        case .tooLarge: throw ConfigurationError(path: path, line: nil, problem: .tooLarge(limit: maximumFileSize))
        }
        return try parse(text: try decode(bytes, path: path), path: path)
    }

    /// `[Notify]` or `[Notify.NAME]`: the notifier's sections (parsed by the Notify module).
    package static func isNotifySection(_ name: String) -> Bool {
        name == "Notify" || name.hasPrefix("Notify.")
    }

    /// The problem for a key its section lacks: a key of the other section, or a likely typo.
    static func unknownKeyProblem(
        _ keyName: String, in section: ConfigurationSection, named sectionName: String
    ) -> ConfigurationError.Problem {
        if let elsewhere = ConfigurationKey.all.first(where: { $0.name == keyName && $0.section != section }) {
            return .wrongSection(key: keyName, section: sectionName, belongsIn: elsewhere.section.rawValue)
        }
        let candidates = ConfigurationKey.all.filter { $0.section == section }.map(\.name)
        return .unknownKey(
            keyName, section: sectionName,
            suggestion: NameSuggestion.closest(to: keyName, among: candidates))
    }

    /// The file as text: a UTF-8 byte order mark is dropped; invalid UTF-8 is refused naming its line.
    package static func decode(_ bytes: [UInt8], path: String) throws(ConfigurationError) -> String {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        var lineNumber = 1
        for line in body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            var iterator = line.makeIterator()
            var decoder = UTF8()
            decoding: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue: continue
                case .emptyInput: break decoding
                case .error: throw ConfigurationError(path: path, line: lineNumber, problem: .notUTF8)
                }
            }
            lineNumber += 1
        }
        return String(decoding: body, as: UTF8.self)
    }

    /// What reading the file found.
    package enum RawFile {
        case bytes([UInt8])
        case notRegular
        case tooLarge
    }

    /// Reads the whole file at `path`, refusing a directory, FIFO or device and anything over the size limit.
    package static func readRaw(_ path: String, limit maximumFileSize: Int = maximumFileSize) throws(SystemCallError) -> RawFile {
        let fd = try SystemCall.run("open", path: path) { open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        defer { _ = close(fd) }
        var status = stat()
        try SystemCall.run("fstat", path: path) { fstat(fd, &status) }
        guard status.st_mode & S_IFMT == S_IFREG else { return .notRegular }
        guard Int(status.st_size) <= maximumFileSize else { return .tooLarge }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = try SystemCall.run("read", path: path) {
                chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            }
            if count == 0 { return .bytes(bytes) }
            bytes += chunk[..<count]
            if bytes.count > maximumFileSize { return .tooLarge }
        }
    }

    /// The lines of `text`, split at `\n` with a trailing `\r` removed (a file saved on Windows);
    /// a leading byte order mark (U+FEFF) is dropped.
    package static func lines(of text: String) -> [String] {
        let scalars = text.unicodeScalars.drop { $0 == "\u{FEFF}" }
        return scalars.split(separator: "\n", omittingEmptySubsequences: false).map { scalars in
            var line = String(String.UnicodeScalarView(scalars))
            if line.unicodeScalars.last == "\r" { line.unicodeScalars.removeLast() }
            return line
        }
    }

    /// `text` without leading and trailing spaces and tabs.
    package static func trimmed(_ text: String) -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = text.firstIndex(where: { !isBlank($0) }), let end = text.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(text[start...end])
    }
}
