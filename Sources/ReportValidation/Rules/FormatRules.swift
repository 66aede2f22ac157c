extension RuleCatalogue {
    static let formatRules: [Rule] = []
}
