/// `Route=` of a `[Notify.NAME]` channel: who hears of a verdict.
public enum NotificationRoute: String, Sendable, Hashable, CaseIterable, Codable {
    /// The submitting agency's contact (the directory's 邮箱/email column).
    case agency
    /// The office's reviewers (`Reviewers=`).
    case office
    case both
}

/// `Verdicts=`: which verdicts a channel tells of.
public enum VerdictSelection: String, Sendable, Hashable, CaseIterable, Codable {
    case rejected
    case all
}

/// What routing decided for one verdict and one channel.
public enum RoutingDecision: Sendable, Hashable {
    /// Queue it, to these addresses (empty for a chat robot, webhook or hook: the channel is the target).
    case deliver(recipients: [String])
    /// Tell no one through this channel, and why (for `nianbao notify --pending` and the debug log).
    case skip(reason: String)
}

/// The routing rule of one channel: the rows of ``table`` and ``decide(verdict:agencyKnown:agencyAddress:)``.
///
/// Mail is addressed: the agency part goes to the agency's address, the office part to the reviewers.
/// A robot, webhook or hook has one fixed target: routing only says which verdicts reach it. A report
/// whose agency is unknown (not in the directory, or without an address) goes to the office only: for
/// mail to the reviewers even on `Route=agency`, so someone is told; a fixed target on `Route=agency`
/// (the agencies' group) is not told of it.
public struct NotificationRouting: Sendable, Hashable {
    public var route: NotificationRoute
    public var verdicts: VerdictSelection
    /// The office's reviewers (mail addresses).
    public var reviewers: [String]
    /// True for mail (recipients are addresses), false for a channel with one fixed target.
    public var addressed: Bool

    public init(route: NotificationRoute, verdicts: VerdictSelection, reviewers: [String], addressed: Bool) {
        self.route = route
        self.verdicts = verdicts
        self.reviewers = reviewers
        self.addressed = addressed
    }

    /// Whom each route tells: (the agency, the office).
    public static let table: [NotificationRoute: (agency: Bool, office: Bool)] = [
        .agency: (true, false),
        .office: (false, true),
        .both: (true, true),
    ]

    /// The decision for a verdict; `agencyAddress` is the matched agency's contact address, if any.
    public func decide(verdict: Verdict, agencyKnown: Bool, agencyAddress: String?) -> RoutingDecision {
        guard verdicts == .all || verdict == .rejected else { return .skip(reason: "Verdicts=rejected and the report was accepted") }
        let (toAgency, toOffice) = Self.table[route] ?? (true, true)
        guard addressed else {
            if toOffice || agencyKnown { return .deliver(recipients: []) }
            return .skip(reason: "Route=agency and the report's agency is not in the directory")
        }
        let address = agencyKnown ? agencyAddress.flatMap { $0.isEmpty ? nil : $0 } : nil
        var recipients: [String] = []
        if toAgency, let address { recipients.append(address) }
        // Unknown agency or no address: the office is told instead, so the verdict reaches someone.
        if toOffice || (toAgency && address == nil) {
            recipients += reviewers.filter { !recipients.contains($0) }
        }
        guard !recipients.isEmpty else {
            return .skip(reason: toOffice ? "no Reviewers= and no agency address" : "the agency has no address and there are no Reviewers=")
        }
        return .deliver(recipients: recipients)
    }
}
