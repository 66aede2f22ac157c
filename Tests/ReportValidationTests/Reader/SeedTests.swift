import Foundation
import Testing

@testable import ReportValidation

/// The five sample reports and what nianbao must say about them (spec §14).
struct SeedExpectation: Sendable, CustomTestStringConvertible {
    var file: String
    var verdict: Verdict
    /// Codes that must be among the findings.
    var codes: Set<RuleCode>
    /// Codes that must not appear.
    var absent: Set<RuleCode> = []
    var testDescription: String { "\(file.prefix(3)) → \(verdict)" }
}

enum Seeds {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    static func document(_ name: String) throws -> ReportDocument {
        ReportReader.read(try text(name), format: .text)
    }

    static let expectations: [SeedExpectation] = [
        SeedExpectation(
            file: "000_e80fb3b6824ca3a9.txt", verdict: .accepted, codes: ["TEXT-010", "TEXT-012"],
            absent: ["T3-SUM-001", "T3-SUM-002", "T3-SUM-003", "T4-SUM-001", "FEE-001"]),
        SeedExpectation(
            file: "001_42627c3d927ac9aa.txt", verdict: .rejected,
            codes: ["STRUCT-003", "T2-001", "T2-002", "T3-STRUCT-002", "T3-STRUCT-003", "T4-VAL-002", "STRUCT-006"],
            absent: ["FEE-001"]),
        SeedExpectation(
            file: "002_0843dfdf5e1a4b6d.txt", verdict: .rejected,
            codes: ["STRUCT-002", "STRUCT-003", "STRUCT-004", "T4-VAL-002", "TEXT-008", "TEXT-011"],
            absent: ["FEE-001", "T3-STRUCT-002", "T3-SUM-002"]),
        SeedExpectation(
            file: "003_c85c81ce81ca680c.txt", verdict: .rejected,
            codes: ["FEE-001", "TEXT-006", "STRUCT-007", "STRUCT-008", "FMT-005"],
            absent: ["T3-SUM-001", "T3-SUM-002", "T3-SUM-003", "T4-SUM-002", "T2-007"]),
        SeedExpectation(
            file: "004_e3c8bab7fbea5405.txt", verdict: .accepted, codes: ["STRUCT-008", "TEXT-007", "TEXT-012"],
            absent: ["T3-STRUCT-003", "T4-STRUCT-002"]),
    ]
}

@Suite struct SeedVerdictTests {
    @Test(arguments: Seeds.expectations)
    func sampleGetsItsExpectedVerdictAndKeyCodes(_ seed: SeedExpectation) throws {
        let result = Validator().validate(try Seeds.document(seed.file), currentYear: 2026)
        let codes = Set(result.findings.map(\.code))
        #expect(result.verdict == seed.verdict, "\(result.errors.map(\.code))")
        #expect(seed.codes.isSubset(of: codes), "missing \(seed.codes.subtracting(codes))")
        #expect(seed.absent.isDisjoint(with: codes), "unexpected \(seed.absent.intersection(codes))")
    }

    @Test func sample003IsRejectedOnlyForTheMissingFeeStatement() throws {
        let result = Validator().validate(try Seeds.document("003_c85c81ce81ca680c.txt"), currentYear: 2026)
        #expect(result.errors.map(\.code) == ["FEE-001"])
        let lenient = Validator(severityOverrides: ["FEE-001": .warning])
        #expect(lenient.validate(try Seeds.document("003_c85c81ce81ca680c.txt"), currentYear: 2026).verdict == .accepted)
    }

    @Test func everySampleIsReadWithItsTables() throws {
        for seed in Seeds.expectations where seed.file.hasPrefix("000") || seed.file.hasPrefix("003") || seed.file.hasPrefix("004") {
            let document = try Seeds.document(seed.file)
            #expect(document.applicationTable?.rows.count == 25, "\(seed.file)")
            #expect(document.reviewTable?.isWellFormed == true, "\(seed.file)")
            #expect(document.headings.count == 6, "\(seed.file)")
        }
        let trial = try Seeds.document("002_0843dfdf5e1a4b6d.txt")
        #expect(trial.applicationTable?.rows.count == 23)
        #expect(trial.detectedFormat == .trial2019)
    }
}

/// Every cell of every consistent table 三 and 四 in the samples is covered by an identity: changing it
/// must produce an error that names its row or column.
@Suite struct SeedMutationTests {
    static let consistentApplicationTables = [
        "000_e80fb3b6824ca3a9.txt", "002_0843dfdf5e1a4b6d.txt", "003_c85c81ce81ca680c.txt", "004_e3c8bab7fbea5405.txt",
    ]
    static let consistentReviewTables = ["000_e80fb3b6824ca3a9.txt", "003_c85c81ce81ca680c.txt", "004_e3c8bab7fbea5405.txt"]

    static func bumped(_ cell: Cell) -> Cell {
        let value = (cell.value.integer ?? 0) + 1
        return Cell(raw: String(value), value: .number(NumberLiteral(whole: value)), line: cell.line)
    }

    @Test(arguments: consistentApplicationTables)
    func everyTable3CellChangeIsCaught(_ file: String) throws {
        let original = try Seeds.document(file)
        let table = try #require(original.applicationTable)
        let baseline = Set(Validator().validate(original, currentYear: 2026).errors.map(\.code))
        #expect(!baseline.contains { $0.rawValue.hasPrefix("T3-SUM") }, "the sample itself must be consistent")
        var checked = 0
        for (key, row) in table.rows {
            for (index, cell) in row.cells.enumerated() {
                var document = original
                document.applicationTable?.rows[key]?.cells[index] = Self.bumped(cell)
                let column = ApplicantColumn(rawValue: index)!
                let errors = Validator().validate(document, currentYear: 2026).errors.filter { $0.code.rawValue.hasPrefix("T3-SUM") }
                let named = errors.contains { $0.location.row == key.templateLabel || $0.location.column == column.label }
                #expect(named, "\(file): \(key.templateLabel) / \(column.label) changed but no error names it: \(errors.map(\.location))")
                checked += 1
            }
        }
        #expect(checked == table.rows.count * 7)
    }

    @Test(arguments: consistentReviewTables)
    func everyTable4CellChangeIsCaught(_ file: String) throws {
        let original = try Seeds.document(file)
        let table = try #require(original.reviewTable)
        #expect(table.cells.count == 15)
        for index in 0..<15 {
            var document = original
            document.reviewTable?.cells[index] = Self.bumped(table.cells[index])
            let group = ReviewGroup(rawValue: index / 5)!
            let errors = Validator().validate(document, currentYear: 2026).errors.filter { $0.code.rawValue.hasPrefix("T4-SUM") }
            let label = ReviewTable.columnLabel(group, index % 5)
            let named = errors.contains { ($0.location.column ?? "").contains(group.label) || $0.location.column == label }
            #expect(named, "\(file): \(label) changed but no error names its group: \(errors.map(\.location))")
        }
    }
}
