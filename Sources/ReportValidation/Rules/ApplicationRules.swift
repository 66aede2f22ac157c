extension RuleCatalogue {
    static let applicationRules: [Rule] = []
}
