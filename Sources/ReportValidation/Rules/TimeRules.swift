extension RuleCatalogue {
    static let timeRules: [Rule] = []
}
