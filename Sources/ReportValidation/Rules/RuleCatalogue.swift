/// The one list of every rule nianbao applies. Adding a rule means adding it to one of these groups.
public enum RuleCatalogue {
    /// All rules, in catalogue order.
    public static let all: [Rule] =
        inputRules + structureRules + formatRules + disclosureRules + applicationRules + reviewRules
        + readingRules + feeRules + narrativeRules + textQualityRules + timeRules + crossYearRules + agencyRules

    /// Codes of the rules about unreadable input (the only ones applied when the input is unreadable).
    static let inputRuleCodes: Set<RuleCode> = Set(inputRules.map(\.code))

    /// The rule with `code`, if any.
    public static func rule(_ code: RuleCode) -> Rule? {
        all.first { $0.code == code }
    }
}
