extension RuleCatalogue {
    static let textQualityRules: [Rule] = []
}
