import Inbox
import ReportValidation

/// Reads the notifier's sections of `nianbao.conf`: `[Notify]` (retries, sendmail, the directory) and
/// one `[Notify.NAME]` per channel. Same file rules as ``DaemonConfiguration`` (which skips these
/// sections): comments, last value wins, an empty value restores the default, unknown keys are errors.
package enum NotifyConfiguration {
    /// Parses `text`; `path` labels errors. Sections other than the notifier's are skipped.
    package static func parse(text: String, path: String) throws(ConfigurationError) -> NotifySettings {
        var settings = NotifySettings()
        var current: Int?  // index into settings.channels, or nil for [Notify] / outside
        var inNotify = false
        var kinds: [Int: Int] = [:]  // channel index → line of its Type=
        for (offset, raw) in DaemonConfiguration.lines(of: text).enumerated() {
            let lineNumber = offset + 1
            func fail(_ problem: ConfigurationError.Problem) -> ConfigurationError {
                ConfigurationError(path: path, line: lineNumber, problem: problem)
            }
            let line = DaemonConfiguration.trimmed(raw)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                let name = DaemonConfiguration.trimmed(String(line.dropFirst().dropLast()))
                inNotify = DaemonConfiguration.isNotifySection(name)
                current = nil
                guard inNotify, name != "Notify" else { continue }
                let channel = String(name.dropFirst("Notify.".count))
                guard isChannelName(channel) else {
                    throw fail(.malformedSection(line + " (a channel name is letters, digits, - and _)"))
                }
                if let existing = settings.channels.firstIndex(where: { $0.name == channel }) {
                    current = existing
                } else {
                    settings.channels.append(ChannelConfiguration(name: channel, kind: .mail))
                    current = settings.channels.count - 1
                }
                continue
            }
            guard inNotify else { continue }
            guard let equals = line.firstIndex(of: "="), equals != line.startIndex else { throw fail(.missingEquals(line)) }
            let key = DaemonConfiguration.trimmed(String(line[..<equals]))
            let value = DaemonConfiguration.trimmed(String(line[line.index(after: equals)...]))
            let known: Bool
            do throws(BadNotifyValue) {
                if let current {
                    known = try apply(key, value, to: &settings.channels[current])
                    if known, key == "Type" { kinds[current] = lineNumber }
                } else {
                    known = try apply(key, value, to: &settings)
                }
            } catch {
                throw fail(.badValue(key: key, value: value, reason: error.reason))
            }
            if !known {
                let section = current.map { "Notify.\(settings.channels[$0].name)" } ?? "Notify"
                throw fail(
                    .unknownKey(
                        key, section: section,
                        suggestion: NameSuggestion.closest(to: key, among: current == nil ? globalKeys : channelKeys)))
            }
        }
        for (index, channel) in settings.channels.enumerated() where kinds[index] == nil {
            throw ConfigurationError(
                path: path, line: nil,
                problem: .badValue(
                    key: "Type", value: "",
                    reason: "[Notify.\(channel.name)] needs Type= (one of \(ChannelKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            )
        }
        return settings
    }

    /// Reads and parses the file at `path` (a missing file: no channels, the defaults).
    package static func load(path: String) throws(ConfigurationError) -> NotifySettings {
        let bytes: [UInt8]
        do {
            switch try DaemonConfiguration.readRaw(path) {
            case .bytes(let read): bytes = read
            case .notRegular: throw ConfigurationError(path: path, line: nil, problem: .notRegularFile)
            case .tooLarge:
                throw ConfigurationError(path: path, line: nil, problem: .tooLarge(limit: DaemonConfiguration.maximumFileSize))
            }
        } catch let error as SystemCallError {
            throw ConfigurationError(path: path, line: nil, problem: .unreadable(error))
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError(path: path, line: nil, problem: .notRegularFile)
        }
        return try parse(text: try DaemonConfiguration.decode(bytes, path: path), path: path)
    }

    static let globalKeys = ["MaximumAge", "RetryDelay", "MaximumRetryDelay", "Sendmail", "RemindDaysBefore"]
    static let channelKeys = [
        "Type", "Route", "Verdicts", "Language", "Reviewers", "From", "URL", "URLCredential", "Secret",
        "Exec", "TimeLimit",
    ]

    struct BadNotifyValue: Error {
        var reason: String
    }

    /// Sets one `[Notify]` key; false for an unknown key.
    static func apply(_ key: String, _ value: String, to settings: inout NotifySettings) throws(BadNotifyValue) -> Bool {
        let defaults = NotifySettings()
        switch key {
        case "MaximumAge": settings.maximumAge = value.isEmpty ? defaults.maximumAge : try span(value)
        case "RetryDelay": settings.retryDelay = value.isEmpty ? defaults.retryDelay : try span(value)
        case "MaximumRetryDelay": settings.maximumRetryDelay = value.isEmpty ? defaults.maximumRetryDelay : try span(value)
        case "Sendmail":
            settings.sendmail = value.isEmpty ? defaults.sendmail : [try absolute(words(value).first ?? "")] + words(value).dropFirst()
        case "RemindDaysBefore":
            if value.isEmpty {
                settings.remindDaysBefore = defaults.remindDaysBefore
            } else if ["off", "no", "false"].contains(value.lowercased()) {
                settings.remindDaysBefore = nil
            } else {
                guard let days = Int(value), (0...366).contains(days) else {
                    throw BadNotifyValue(reason: "expected a number of days from 0 to 366, or off")
                }
                settings.remindDaysBefore = days
            }
        default: return false
        }
        return true
    }

    /// Sets one `[Notify.NAME]` key; false for an unknown key.
    static func apply(_ key: String, _ value: String, to channel: inout ChannelConfiguration) throws(BadNotifyValue) -> Bool {
        let defaults = ChannelConfiguration(name: channel.name, kind: channel.kind)
        switch key {
        case "Type": channel.kind = try choice(value, ChannelKind.self)
        case "Route": channel.route = value.isEmpty ? defaults.route : try choice(value, Route.self)
        case "Verdicts": channel.verdicts = value.isEmpty ? defaults.verdicts : try choice(value, VerdictFilter.self)
        case "Language":
            guard value.isEmpty || Language(rawValue: value.lowercased()) != nil else {
                throw BadNotifyValue(reason: "expected zh (中文) or en (English)")
            }
            channel.language = value.isEmpty ? .zh : Language(rawValue: value.lowercased())!
        case "Reviewers": channel.reviewers = words(value)
        case "From": channel.from = value
        case "URL":
            guard value.isEmpty || value.hasPrefix("https://") || value.hasPrefix("http://") else {
                throw BadNotifyValue(reason: "expected an http:// or https:// URL")
            }
            channel.url = value
        case "URLCredential": channel.urlCredential = try credentialName(value)
        case "Secret": channel.secretCredential = try credentialName(value)
        case "Exec":
            let argv = words(value)
            guard argv.isEmpty || argv[0].hasPrefix("/") else { throw BadNotifyValue(reason: "expected an absolute program path") }
            channel.exec = argv
        case "TimeLimit": channel.timeLimit = value.isEmpty ? defaults.timeLimit : try span(value)
        default: return false
        }
        return true
    }

    static func isChannelName(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy {
                ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
    }

    static func span(_ value: String) throws(BadNotifyValue) -> Duration {
        guard let span = TimeSpan.parse(value) else { throw BadNotifyValue(reason: "expected a time span such as 30s, 1h or 2d") }
        return span
    }

    static func absolute(_ value: String) throws(BadNotifyValue) -> String {
        guard value.hasPrefix("/") else { throw BadNotifyValue(reason: "expected an absolute path") }
        return value
    }

    static func choice<Choice: RawRepresentable & CaseIterable>(_ value: String, _: Choice.Type) throws(BadNotifyValue) -> Choice
    where Choice.RawValue == String {
        guard let chosen = Choice(rawValue: value.lowercased()) else {
            throw BadNotifyValue(reason: "expected one of " + Choice.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return chosen
    }

    /// A credential's file name: no slash, not `.` or `..` (it is looked up in `$CREDENTIALS_DIRECTORY`).
    static func credentialName(_ value: String) throws(BadNotifyValue) -> String {
        guard !value.contains("/"), value != ".", value != ".." else {
            throw BadNotifyValue(reason: "expected a credential name (as in LoadCredential=NAME:/path), not a path")
        }
        return value
    }

    static func words(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
    }
}
