extension RuleCatalogue {
    static let structureRules: [Rule] = []
}
