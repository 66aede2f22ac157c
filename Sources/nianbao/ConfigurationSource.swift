import Glibc
import Inbox
import Logging

/// Where `nianbao watch` gets its settings: the config file (explicit or default) plus command-line overrides.
///
/// Read once at start and again on every SIGHUP, with the same rules each time, so a reload
/// never loses a `--root` given on the command line.
struct ConfigurationSource: Sendable {
    /// The config file's path.
    let path: String
    /// Whether the path came from `--config`: then a missing file is an error, not "use the defaults".
    let isExplicit: Bool
    /// `--root`, already made absolute; it wins over the file's `Root=`.
    let rootOverride: String?

    init(configPath: String?, rootOverride: String?) {
        self.path = configPath ?? DaemonConfiguration.defaultPath
        self.isExplicit = configPath != nil
        self.rootOverride = rootOverride.map(Self.absolute)
    }

    /// Reads the settings; a missing file at the default path gives the defaults (and says so).
    func load(logger: Logger) throws(ConfigurationError) -> InboxSettings {
        var settings: InboxSettings
        do {
            settings = try DaemonConfiguration.load(path: path)
        } catch  where error.isMissingFile && !isExplicit {
            logger.info("no config file, using the defaults", metadata: ["path": "\(path)"])
            settings = InboxSettings()
        }
        if let rootOverride { settings.root = rootOverride }
        settings.agencies = try AgencyDirectoryFile.load(path: settings.agenciesPath, legacy: try? IconvDecoder())
        if let directory = settings.agencies {
            logger.info("agency directory: \(directory.agencies.count) agencies", metadata: ["path": "\(settings.agenciesPath)"])
        } else {
            logger.info("no agency directory, agencies are not checked (REG-001)", metadata: ["path": "\(settings.agenciesPath)"])
        }
        return settings
    }

    /// `path` made absolute against the current directory, without trailing slashes.
    static func absolute(_ path: String) -> String {
        var result = path
        if !result.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            if getcwd(&buffer, buffer.count) != nil {
                let directory = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                result = (directory == "/" ? "" : directory) + "/" + result
            }
        }
        while result.count > 1, result.hasSuffix("/") { result.removeLast() }
        return result
    }
}

/// The keys whose values differ between two settings, named as in the config file (for the reload log).
enum SettingsChange {
    static func changedKeys(from old: InboxSettings, to new: InboxSettings) -> [String] {
        var keys: [String] = []
        if old.root != new.root { keys.append("Root") }
        if old.settlePeriod != new.settlePeriod { keys.append("SettlePeriod") }
        if old.maximumFileSize != new.maximumFileSize { keys.append("MaximumFileSize") }
        if old.ignoredNamePatterns != new.ignoredNamePatterns { keys.append("IgnoredNames") }
        if old.rescanInterval != new.rescanInterval { keys.append("RescanInterval") }
        if old.language != new.language { keys.append("Language") }
        if old.severityOverrides != new.severityOverrides { keys.append("Severity") }
        if old.agenciesPath != new.agenciesPath || old.agencies != new.agencies { keys.append("Agencies") }
        if old.registerDatabase != new.registerDatabase { keys.append("Database") }
        if old.registerPasswordFile != new.registerPasswordFile { keys.append("PasswordFile") }
        return keys
    }
}
