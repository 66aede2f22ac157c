import Inbox
import ReportValidation

extension RegisterRecord {
    /// The record of a report this process judged, from its typed judgement: the record
    /// ``init(findingsDocument:folder:finalName:office:filedAt:)`` reads back from the findings
    /// document, without parsing that document (≈ 50 KB) again for every verdict the daemon files.
    ///
    /// Nil for a claim finished after a restart (no judgement in memory): record it from the document.
    package init?(filed verdict: FiledVerdict, office: String) {
        guard let judgement = verdict.judgement, let document = verdict.findingsJSON else { return nil }
        let result = judgement.report.result
        let snapshot = result.snapshot
        self.init(
            office: office,
            // Through the document's own RFC 3339 text, so both readings round the claim time alike.
            receivedAt: Self.epochMicroseconds(rfc3339: verdict.claim.claimedAt.rfc3339),
            filedAt: verdict.filedAt.nanosecondsSinceEpoch / 1000, originalName: verdict.original?.bytes,
            finalName: verdict.finalName.bytes, folder: verdict.folder.rawValue, sha256: judgement.sha256 ?? "",
            size: judgement.size, agencyTitled: snapshot?.agency, agencyMatched: judgement.agencyMatched, year: result.year,
            format: result.formatVersion, layout: result.layout.rawValue, verdict: result.verdict,
            errors: result.errors.count, warnings: result.warnings.count,
            codes: Array(Set(result.findings.map(\.code.rawValue))).sorted(),
            findingsJSON: String(decoding: document, as: UTF8.self), cells: RecordedCells(snapshot?.cells ?? [:]),
            narrative: snapshot?.narrative ?? [:])
    }
}
