extension RuleCatalogue {
    static let readingRules: [Rule] = []
}
