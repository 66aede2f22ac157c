import ReportValidation
import Testing

/// Who hears of a verdict through a channel: the route, the verdict filter, a known or unknown agency.
@Suite struct NotificationRoutingTests {
    static let reviewers = ["review@office.example"]
    static let agencyMail = "wenxian@gov.example"

    struct Case: Sendable, CustomTestStringConvertible {
        var route: NotificationRoute
        var verdicts: VerdictSelection = .all
        var addressed = true
        var verdict: Verdict = .rejected
        var agencyKnown = true
        var agencyAddress: String? = NotificationRoutingTests.agencyMail
        var expected: RoutingDecision
        var testDescription: String { "\(route) \(verdicts) addressed=\(addressed) \(verdict) known=\(agencyKnown) → \(expected)" }
    }

    static let cases: [Case] = [
        Case(route: .agency, expected: .deliver(recipients: [agencyMail])),
        Case(route: .office, expected: .deliver(recipients: reviewers)),
        Case(route: .both, expected: .deliver(recipients: [agencyMail] + reviewers)),
        // An unknown agency, or one without an address: the office is told instead.
        Case(route: .agency, agencyKnown: false, expected: .deliver(recipients: reviewers)),
        Case(route: .both, agencyKnown: false, expected: .deliver(recipients: reviewers)),
        Case(route: .agency, agencyAddress: nil, expected: .deliver(recipients: reviewers)),
        Case(route: .agency, agencyAddress: "", expected: .deliver(recipients: reviewers)),
        // An unknown agency's address is never used, even when one is passed.
        Case(route: .both, agencyKnown: false, agencyAddress: "stray@example", expected: .deliver(recipients: reviewers)),
        // Verdicts=rejected: an accepted report is not told.
        Case(
            route: .both, verdicts: .rejected, verdict: .accepted, expected: .skip(reason: "Verdicts=rejected and the report was accepted")),
        Case(route: .both, verdicts: .rejected, verdict: .rejected, expected: .deliver(recipients: [agencyMail] + reviewers)),
        Case(route: .agency, verdict: .accepted, expected: .deliver(recipients: [agencyMail])),
        // A fixed target (robot, webhook, hook): only which verdicts reach it.
        Case(route: .office, addressed: false, agencyKnown: false, expected: .deliver(recipients: [])),
        Case(route: .agency, addressed: false, agencyKnown: true, expected: .deliver(recipients: [])),
        Case(
            route: .agency, addressed: false, agencyKnown: false,
            expected: .skip(reason: "Route=agency and the report's agency is not in the directory")),
    ]

    @Test("Routing sends each verdict to the agency, the office, or both, and an unknown agency's to the office", arguments: cases)
    func routes(_ c: Case) {
        let routing = NotificationRouting(route: c.route, verdicts: c.verdicts, reviewers: Self.reviewers, addressed: c.addressed)
        #expect(routing.decide(verdict: c.verdict, agencyKnown: c.agencyKnown, agencyAddress: c.agencyAddress) == c.expected)
    }

    @Test("Mail with no reviewers and no agency address tells no one, and says why")
    func nobody() {
        let routing = NotificationRouting(route: .both, verdicts: .all, reviewers: [], addressed: true)
        guard case .skip = routing.decide(verdict: .rejected, agencyKnown: false, agencyAddress: nil) else {
            Issue.record("expected a skip")
            return
        }
    }

    @Test("An agency address that is also a reviewer is listed once")
    func noDuplicateAddress() {
        let routing = NotificationRouting(route: .both, verdicts: .all, reviewers: [Self.agencyMail, "b@x"], addressed: true)
        #expect(
            routing.decide(verdict: .rejected, agencyKnown: true, agencyAddress: Self.agencyMail)
                == .deliver(recipients: [Self.agencyMail, "b@x"]))
    }
}
