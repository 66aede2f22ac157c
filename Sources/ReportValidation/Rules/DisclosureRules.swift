extension RuleCatalogue {
    static let disclosureRules: [Rule] = []
}
