import ReportValidation

extension OfficeSubmission {
    /// What the office's views (`status`, `history`, `export`, the overview page) show of a register record.
    package init(_ record: RegisterRecord) {
        self.init(
            agency: record.agency.isEmpty ? "（未识别机关）" : record.agency, agencyTitled: record.agencyTitled,
            inDirectory: record.agencyMatched != nil, year: record.year, version: record.version, verdict: record.verdict,
            filedAt: record.filedAt, finalName: String(decoding: record.finalName, as: UTF8.self), folder: record.folder,
            errors: record.errors, warnings: record.warnings, codes: record.codes, office: record.office, cells: record.cells,
            finalNameBytes: record.finalName)
    }
}
