import Foundation
import Inbox
import ReportValidation

/// What a register record becomes for the judge's history (``FiledSubmission``): its findings by code
/// and place read back from the findings JSON it stores, and its filing date as the office reads it.
extension FiledSubmission {
    /// What `record` tells the judge about an earlier report of its agency; its findings (a parse of the
    /// ≈ 50 KB document) only when `readingFindings`.
    package init(_ record: RegisterRecord, readingFindings: Bool = true) {
        self.init(
            year: record.year, version: record.version, filedOn: Self.chinaDate(epochMicroseconds: record.filedAt),
            verdict: record.verdict, finalName: String(decoding: record.finalName, as: UTF8.self),
            snapshot: ReportSnapshot(
                year: record.year, format: record.format, agency: record.agencyTitled, cells: record.cells.dictionary,
                narrative: record.narrative),
            findings: readingFindings ? Self.keys(fromFindingsJSON: record.findingsJSON) : [])
    }

    /// The `(code, place)` keys of a stored findings document (schema `nianbao.findings/2`); empty
    /// when it cannot be read (the resubmission note then lists everything as new, never fails).
    package static func keys(fromFindingsJSON text: String) -> [FindingKey] {
        // Decoded into just these keys: the document's tables and texts are skipped, not built as objects.
        guard let document = try? JSONDecoder().decode(StoredFindingKeys.self, from: Data(text.utf8)) else { return [] }
        return document.findings.map { finding in
            FindingKey(
                code: finding.code, section: finding.location?.section, table: finding.location?.table,
                row: finding.location?.row, column: finding.location?.column)
        }
    }

    /// `2026-01-12`: the China (UTC+8) date of a time in microseconds since the epoch.
    package static func chinaDate(epochMicroseconds: Int64) -> String {
        String(WallTime(nanosecondsSinceEpoch: (epochMicroseconds + 8 * 3_600_000_000) * 1000).rfc3339.prefix(10))
    }
}

/// What the resubmission note compares of a stored findings document: each finding's code and place.
private struct StoredFindingKeys: Decodable {
    struct Finding: Decodable {
        var code: String
        var location: Place?
    }

    struct Place: Decodable {
        var section: Int?
        var table: String?
        var row: String?
        var column: String?
    }

    var findings: [Finding]
}

extension RegisterHistory {
    /// The judge's history from `store`: of the agency's reports of the year and of the year before, the latest
    /// and the current ones — all the judge uses (the last version, the next number, last year's current), so a
    /// look-up costs the same for an agency's twentieth version as for its second.
    package init(store: any RegisterStore, timeLimit: Duration = RegisterHistory.defaultTimeLimit) {
        self.init(timeLimit: timeLimit) { agency, year in try await Self.filed(agency: agency, year: year, in: store) }
    }

    /// What the judge is told of `agency` before judging its `year` report (the daemon and `check --register`).
    package static func filed(agency: String, year: Int, in store: any RegisterStore) async throws -> [FiledSubmission] {
        let before = try await store.latestAndCurrent(agency: agency, year: year - 1, cells: true)
        let same = try await store.latestAndCurrent(agency: agency, year: year, cells: false)
        // Only the latest submission's findings are compared (the resubmission note): read only its document.
        let latest = same.max { $0.version < $1.version }?.identity
        return before.map { FiledSubmission($0, readingFindings: false) }
            + same.map { FiledSubmission($0, readingFindings: $0.identity == latest) }
    }
}
