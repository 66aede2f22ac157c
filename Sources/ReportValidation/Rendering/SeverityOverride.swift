/// One `CODE=error|warning` setting from the command line: a local acceptance policy that makes a rule
/// stricter or more lenient than the national catalogue (spec §16, "strict mode").
public struct SeverityOverride: Sendable, Hashable {
    public var code: RuleCode
    public var severity: Severity

    public init(code: RuleCode, severity: Severity) {
        self.code = code
        self.severity = severity
    }

    /// Why a setting was refused; the description is the message a user sees.
    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// Not of the form `CODE=LEVEL`.
        case malformed(String)
        /// The code names no rule of the catalogue.
        case unknownCode(String)
        /// The level is neither `error` nor `warning`.
        case unknownSeverity(String)

        public var description: String {
            switch self {
            case .malformed(let text):
                "'\(text)' is not CODE=error or CODE=warning (e.g. FEE-001=warning)"
            case .unknownCode(let code):
                "unknown rule code '\(code)'; `nianbao rules` lists them"
            case .unknownSeverity(let level):
                "unknown severity '\(level)'; use error or warning"
            }
        }
    }

    /// Parses `FEE-001=warning`; the code is matched case-insensitively against `rules`.
    public static func parse(_ text: String, rules: [Rule] = RuleCatalogue.all) -> Result<SeverityOverride, ParseError> {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .failure(.malformed(text)) }
        let codeText = TerminalText.trimmed(String(parts[0])).uppercased()
        let levelText = TerminalText.trimmed(String(parts[1]))
        guard !codeText.isEmpty, !levelText.isEmpty else { return .failure(.malformed(text)) }
        guard let severity = Severity(rawValue: levelText.lowercased()) else {
            return .failure(.unknownSeverity(levelText))
        }
        guard let rule = rules.first(where: { $0.code.rawValue.uppercased() == codeText }) else {
            return .failure(.unknownCode(codeText))
        }
        return .success(SeverityOverride(code: rule.code, severity: severity))
    }

    /// The settings as the validator takes them; a later setting for the same code wins.
    public static func table(_ overrides: [SeverityOverride]) -> [RuleCode: Severity] {
        var table: [RuleCode: Severity] = [:]
        for override in overrides { table[override.code] = override.severity }
        return table
    }
}
