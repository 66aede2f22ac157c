extension RuleCatalogue {
    static let reviewRules: [Rule] = []
}
