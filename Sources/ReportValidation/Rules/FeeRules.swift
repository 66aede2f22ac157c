extension RuleCatalogue {
    static let feeRules: [Rule] = []
}
