extension RuleCatalogue {
    static let narrativeRules: [Rule] = []
}
