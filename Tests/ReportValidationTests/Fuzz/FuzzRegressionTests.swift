import Foundation
import Testing

@testable import ReportValidation

/// Every input the fuzzers (`scripts/fuzz`) found crashing, hanging or blowing up memory, kept under
/// `Fixtures/Fuzz/<target>/` and run again through the same target: each must now come back.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("Fuzz")

    /// (target folder, file name) of every kept finding.
    static let findings: [FuzzFinding] = {
        let manager = FileManager.default
        let targets = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
        return targets.sorted().flatMap { target in
            ((try? manager.contentsOfDirectory(atPath: folder.appendingPathComponent(target).path)) ?? []).sorted()
                .map { FuzzFinding(target: target, name: $0) }
        }
    }()

    @Test func everyKeptFindingIsFiledUnderAFuzzTarget() {
        let names = Set(FuzzTarget.allCases.map(\.rawValue))
        #expect(!Self.findings.isEmpty, "no kept findings under \(Self.folder.path)")
        for finding in Self.findings { #expect(names.contains(finding.target), "\(finding) names no fuzz target") }
    }

    @Test(.timeLimit(.minutes(5)), arguments: findings)
    func aKeptFuzzFindingNowRunsThroughItsTarget(_ finding: FuzzFinding) throws {
        let target = try #require(FuzzTarget(rawValue: finding.target))
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(finding.target).appendingPathComponent(finding.name)))
        target.run(bytes, legacy: IconvGB18030())
    }
}

struct FuzzFinding: Sendable, CustomTestStringConvertible, CustomStringConvertible {
    var target: String
    var name: String
    var description: String { "\(target)/\(name)" }
    var testDescription: String { description }
}
