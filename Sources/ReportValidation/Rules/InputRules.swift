extension RuleCatalogue {
    static let inputRules: [Rule] = []
}
