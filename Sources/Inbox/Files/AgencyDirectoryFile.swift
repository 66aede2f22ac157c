import ReportValidation

/// The office's agency directory file (`agencies.csv`): read by the daemon at start and at each reload,
/// and by the office commands, so that every part of nianbao sees the same directory.
///
/// The file is optional: when it does not exist there is no directory (and no REG-001). A file that
/// exists but cannot be used is refused like a bad config file, naming its path and line.
package enum AgencyDirectoryFile {
    /// Where the packaged daemon looks for it (`[Register] Agencies=`).
    package static let defaultPath = "/etc/nianbao/agencies.csv"

    /// Larger files are refused: a directory of every agency of a province is well under this.
    package static let maximumFileSize = 8 << 20

    /// The directory at `path`, nil when no file is there. GBK files are decoded with `legacy`
    /// (iconv's GB18030); without it they are refused as not UTF-8.
    package static func load(path: String, legacy: (any LegacyTextDecoder)?) throws(ConfigurationError) -> AgencyDirectory? {
        let raw: DaemonConfiguration.RawFile
        do {
            raw = try DaemonConfiguration.readRaw(path, limit: maximumFileSize)
        } catch  where error.errno.rawValue == 2 {  // ENOENT: no directory kept
            return nil
        } catch {
            throw ConfigurationError(path: path, line: nil, problem: .unreadable(error))
        }
        switch raw {
        case .notRegular: throw ConfigurationError(path: path, line: nil, problem: .notRegularFile)
        case .tooLarge: throw ConfigurationError(path: path, line: nil, problem: .tooLarge(limit: maximumFileSize))
        case .bytes(let bytes):
            let name = path.split(separator: "/").last.map(String.init) ?? path
            switch AgencyDirectory.parse(bytes, legacy: legacy, fileName: name) {
            case .success(let directory): return directory
            case .failure(let error):
                throw ConfigurationError(
                    path: path, line: error.line, problem: .badAgencyDirectory(en: error.reason.en, zh: error.reason.zh))
            }
        }
    }
}
