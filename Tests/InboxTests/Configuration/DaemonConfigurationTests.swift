import Inbox
import ReportValidation
import Testing

/// `nianbao.conf` parsing: every key, defaults, comments, and errors that name file and line.
@Suite struct DaemonConfigurationTests {
    static let path = "/etc/nianbao/nianbao.conf"

    func parse(_ text: String) throws(ConfigurationError) -> InboxSettings {
        try DaemonConfiguration.parse(text: text, path: Self.path)
    }

    /// The error `text` is refused with; fails the test if it is accepted.
    func refusal(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> ConfigurationError? {
        do {
            let settings = try parse(text)
            Issue.record("accepted, giving \(settings)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    @Test func emptyTextGivesTheDefaults() throws {
        #expect(try parse("") == InboxSettings())
        #expect(try parse("\n\n# nothing\n") == InboxSettings())
    }

    @Test func defaultsAreTheDocumentedOnes() {
        let defaults = InboxSettings()
        #expect(defaults.root == "/srv/nianbao")
        #expect(defaults.settlePeriod == .seconds(2))
        #expect(defaults.maximumFileSize == 20 * 1024 * 1024)
        #expect(defaults.language == .zh)
        #expect(defaults.severityOverrides.isEmpty)
        #expect(defaults.rescanInterval == .seconds(60))
    }

    @Test func everyKeyParses() throws {
        let settings = try parse(
            """
            [Inbox]
            Root=/data/reports/
            SettlePeriod=500ms
            MaximumFileSize=5M
            IgnoredNames=*.tmp  .*\t*.bak
            RescanInterval=1min 30s

            [Findings]
            Language=en
            Severity=FEE-001=warning t3-val-002=error
            """)
        #expect(settings.root == "/data/reports")
        #expect(settings.settlePeriod == .milliseconds(500))
        #expect(settings.maximumFileSize == 5 * 1024 * 1024)
        #expect(settings.ignoredNamePatterns == ["*.tmp", ".*", "*.bak"])
        #expect(settings.rescanInterval == .seconds(90))
        #expect(settings.language == .en)
        #expect(settings.severityOverrides == [RuleCode("FEE-001"): .warning, RuleCode("T3-VAL-002"): .error])
    }

    @Test func commentsWhitespaceAndWindowsLineEndingsAreIgnored() throws {
        let settings = try parse(
            "# a comment\r\n; another = comment\r\n   \r\n  [ Findings ]  \r\n\tLanguage =  en \r\n  # Language=zh\r\n")
        #expect(settings.language == .en)
        #expect(settings.root == InboxSettings().root)
    }

    @Test func aUTF8ByteOrderMarkIsSkippedAndChineseCommentsAreFine() throws {
        let settings = try parse("\u{FEFF}[Findings]\n# 审核结论的语言\nLanguage=en\n")
        #expect(settings.language == .en)
    }

    @Test func theLastOfARepeatedKeyWins() throws {
        let settings = try parse("[Inbox]\nSettlePeriod=5s\n[Findings]\nLanguage=en\n[Inbox]\nSettlePeriod=3s\n")
        #expect(settings.settlePeriod == .seconds(3))
        #expect(settings.language == .en)
    }

    @Test func anEmptyValueRestoresTheDefault() throws {
        let settings = try parse("[Inbox]\nIgnoredNames=*.x\nIgnoredNames=\nRoot=/a\nRoot=\n[Findings]\nSeverity=")
        #expect(settings.ignoredNamePatterns == InboxSettings.defaultIgnoredNamePatterns)
        #expect(settings.root == "/srv/nianbao")
        #expect(settings.severityOverrides.isEmpty)
    }

    @Test func unknownKeyNamesFileLineAndTheClosestKey() throws {
        let error = try #require(refusal("[Inbox]\n# comment\n\nSettelPeriod=2s\n"))
        #expect(error.line == 4)
        #expect(
            error.description
                == #"/etc/nianbao/nianbao.conf:4: unknown key "SettelPeriod" in [Inbox]; did you mean "SettlePeriod"?"#)
    }

    @Test func unknownKeyWithNothingCloseHasNoSuggestion() throws {
        let error = try #require(refusal("[Findings]\nColour=blue\n"))
        #expect(error.description == #"/etc/nianbao/nianbao.conf:2: unknown key "Colour" in [Findings]"#)
    }

    @Test func keysAreCaseSensitiveButTheHintFindsTheRightCase() throws {
        let error = try #require(refusal("[Inbox]\nroot=/srv/x\n"))
        #expect(error.description.hasSuffix(#"unknown key "root" in [Inbox]; did you mean "Root"?"#))
    }

    @Test func aKeyInTheWrongSectionSaysWhereItBelongs() throws {
        let error = try #require(refusal("[Inbox]\nLanguage=en\n"))
        #expect(error.description == "/etc/nianbao/nianbao.conf:2: key \"Language\" belongs in [Findings], not in [Inbox]")
    }

    @Test func unknownSectionNamesFileAndLine() throws {
        let error = try #require(refusal("[Inbox]\nRoot=/a\n[Inbx]\nRoot=/b\n"))
        #expect(error.line == 3)
        #expect(error.description.hasPrefix("/etc/nianbao/nianbao.conf:3: unknown section [Inbx]; did you mean [Inbox]?"))
    }

    @Test func malformedSectionHeader() throws {
        let error = try #require(refusal("[Inbox\nRoot=/a\n"))
        #expect(error.line == 1)
        #expect(error.description.contains("malformed section header"))
    }

    @Test func aKeyBeforeAnySectionIsRefused() throws {
        let error = try #require(refusal("# top\nRoot=/srv/x\n[Inbox]\n"))
        #expect(error.line == 2)
        #expect(error.description.contains("before any section"))
    }

    @Test(arguments: ["[Inbox]\nRoot /srv/x\n", "[Inbox]\n=2s\n"])
    func aLineWithoutEqualsIsRefused(_ text: String) throws {
        let error = try #require(refusal(text))
        #expect(error.line == 2)
        #expect(error.description.hasPrefix("/etc/nianbao/nianbao.conf:2: expected Key=Value"))
    }

    @Test(arguments: ["2 s x", "fast", "-1s", "0", "0s", "2 5", "1min 30", "2sec!", "1.2.3s", "3M"])
    func badDurationsAreRefused(_ value: String) throws {
        let error = try #require(refusal("[Inbox]\nSettlePeriod=\(value)\n"))
        #expect(error.line == 2)
        #expect(error.description.contains(#"bad value "\#(value)" for SettlePeriod: expected a positive time span"#))
    }

    @Test func aBadRescanIntervalIsRefusedToo() throws {
        let error = try #require(refusal("[Inbox]\n\nRescanInterval=never\n"))
        #expect(error.description.hasPrefix(#"/etc/nianbao/nianbao.conf:3: bad value "never" for RescanInterval"#))
    }

    @Test(arguments: ["big", "20X", "-5M", "0", "M"])
    func badSizesAreRefused(_ value: String) throws {
        let error = try #require(refusal("[Inbox]\nMaximumFileSize=\(value)\n"))
        #expect(error.line == 2)
        #expect(error.description.contains("for MaximumFileSize: expected a size such as 20M"))
    }

    @Test func aBadLanguageIsRefused() throws {
        let error = try #require(refusal("[Findings]\nLanguage=fr\n"))
        #expect(error.description == #"/etc/nianbao/nianbao.conf:2: bad value "fr" for Language: expected zh (中文) or en (English)"#)
    }

    @Test func anUnknownRuleCodeIsRefused() throws {
        let error = try #require(refusal("[Findings]\nSeverity=FEE-001=warning NOPE-999=error\n"))
        #expect(error.line == 2)
        #expect(error.description.contains("unknown rule code 'NOPE-999'"))
    }

    @Test(arguments: ["FEE-001=fatal", "FEE-001", "=warning"])
    func aMalformedSeverityIsRefused(_ value: String) throws {
        let error = try #require(refusal("[Findings]\nSeverity=\(value)\n"))
        #expect(error.line == 2)
        #expect(error.description.contains("for Severity:"))
    }

    @Test func aRelativeRootIsRefused() throws {
        let error = try #require(refusal("[Inbox]\nRoot=srv/nianbao\n"))
        #expect(error.description.contains("expected an absolute path"))
    }

    @Test func aPatternWithASlashIsRefused() throws {
        let error = try #require(refusal("[Inbox]\nIgnoredNames=*.tmp tmp/*\n"))
        #expect(error.description.contains(#"pattern "tmp/*" contains "/""#))
    }

    @Test func theFirstErrorIsReportedWithItsOwnLine() throws {
        let error = try #require(refusal("[Inbox]\nSettlePeriod=2s\nMaximumFileSize=huge\nLanguage=xx\n"))
        #expect(error.line == 3)
    }

    @Test(arguments: [
        "postgresql://nianbao@db.example.gov.cn:5432/nianbao?sslmode=verify-full", "postgres://nianbao@127.0.0.1/register",
        "/var/lib/nianbao/register.sqlite3", "sqlite:/srv/nianbao/register.sqlite3",
    ])
    func theRegisterDatabaseIsAURLOrAnAbsolutePath(_ value: String) throws {
        let settings = try parse("[Register]\nDatabase=\(value)\nPasswordFile=/etc/nianbao/register-password\n")
        #expect(settings.registerDatabase == value && settings.registerPasswordFile == "/etc/nianbao/register-password")
    }

    @Test(arguments: ["none", "None", "NONE"])
    func databaseNoneKeepsNoRegister(_ value: String) throws {
        #expect(try parse("[Register]\nDatabase=\(value)\n").keepsRegister == false)
        #expect(try parse("[Register]\nDatabase=/var/lib/nianbao/register.sqlite3\n").keepsRegister)
        #expect(try parse("").keepsRegister, "the embedded register is the default")
    }

    @Test func aRegisterURLWithAPasswordIsRefusedWithoutShowingIt() throws {
        let error = try #require(refusal("[Register]\nDatabase=postgresql://nianbao:s3cret@db.example.gov.cn/nianbao\n"))
        #expect(error.line == 2 && error.description.contains("must not carry the password"))
        #expect(!error.description.contains("s3cret"), "the password reached the message: \(error)")
    }

    @Test(arguments: ["register.sqlite3", "postgresql://db.example.gov.cn/nianbao", "postgresql://u@h/db?sslmode=always"])
    func aRegisterDatabaseNianbaoCannotUseIsRefused(_ value: String) throws {
        let error = try #require(refusal("[Register]\nDatabase=\(value)\n"))
        #expect(error.line == 2 && error.description.contains("for Database:"))
    }
}
