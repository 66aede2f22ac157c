/// T3-STRUCT-001…005, T3-VAL-001/002, T3-SUM-001…004: table 三 (收到和处理政府信息公开申请情况), spec §5, §8.2.
/// The rules live in Rules/Applications/; this is the group the catalogue concatenates.
extension RuleCatalogue {
    static let applicationRules: [Rule] = applicationStructureRules + applicationValueRules + applicationSumRules
}
