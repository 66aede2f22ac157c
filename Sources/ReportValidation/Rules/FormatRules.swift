/// FMT-001…005: the format version the report year requires against the markers the report shows
/// (spec §2, §7, §16). Mixed markers are FMT-003 alone: FMT-001/002 fire only when none of the year's
/// own markers are present, so one defect gives one finding.
extension RuleCatalogue {
    static let formatRules: [Rule] = [oldFormatUsed, newFormatTooEarly, mixedFormats, unsupportedYear, localVariation]

    static let oldFormatUsed = Rule(
        "FMT-001", .error,
        summary: .zh("报告年度为2021年及以后，却使用了2019年试行格式", en: "Y ≥ 2021 but the trial (2019) format is used"),
        hint: .zh(
            "按国办公开办函〔2021〕30号的格式重新填写表格", en: "Redo the tables in the 2021 format (国办公开办函〔2021〕30号)")
    ) { context in
        guard let document = context.readableDocument, let year = document.year, year >= 2021 else { return [] }
        return FormatMarkers(document).onlyOtherThan(.format2021).map { markers in
            [
                Violation(
                    zh: "\(year)年度报告应使用2021年格式，但表格使用了2019年试行格式",
                    en: "A \(year) report must use the 2021 format, but its tables follow the 2019 trial format",
                    at: Location(line: markers[0].line), evidence: FormatMarkers.describe(markers))
            ]
        } ?? []
    }

    static let newFormatTooEarly = Rule(
        "FMT-002", .error,
        summary: .zh(
            "报告年度为2019或2020年，却出现2021年格式的标志", en: "Y ∈ {2019, 2020} but 2021-format markers are present"),
        hint: .zh("核对报告年度；2019、2020年度报告使用试行格式", en: "Check the year; 2019 and 2020 reports use the trial format")
    ) { context in
        guard let document = context.readableDocument, let year = document.year, (2019...2020).contains(year) else {
            return []
        }
        return FormatMarkers(document).onlyOtherThan(.trial2019).map { markers in
            [
                Violation(
                    zh: "\(year)年度报告应使用2019年试行格式，但表格使用了2021年格式（格式与年份不符，或年份有误）",
                    en: "A \(year) report must use the trial format, but its tables follow the 2021 format "
                        + "(anachronistic format or wrong year)",
                    at: Location(line: markers[0].line), evidence: FormatMarkers.describe(markers))
            ]
        } ?? []
    }

    static let mixedFormats = Rule(
        "FMT-003", .error,
        summary: .zh("同一报告混用了两种格式的标志", en: "Markers of both format versions mixed in one report"),
        hint: .zh("全部表格统一按报告年度对应的格式填写", en: "Fill every table in the one format the report year requires")
    ) { context in
        guard let document = context.readableDocument else { return [] }
        let markers = FormatMarkers(document)
        guard !markers.trial.isEmpty, !markers.current.isEmpty else { return [] }
        let first = min(markers.trial[0].line, markers.current[0].line)
        return [
            Violation(
                zh: "报告同时含有2019年试行格式和2021年格式的内容",
                en: "The report mixes the 2019 trial format and the 2021 format",
                at: Location(line: first),
                evidence:
                    "2019: \(FormatMarkers.describe(markers.trial)); 2021: \(FormatMarkers.describe(markers.current))")
        ]
    }

    static let unsupportedYear = Rule(
        "FMT-004", .error,
        summary: .zh(
            "报告年度早于2019年（不受支持），或晚于当前年份", en: "Y < 2019 (pre-revision, unsupported) or Y after the current year"),
        hint: .zh("核对标题中的年份", en: "Check the year in the title")
    ) { context in
        guard let document = context.readableDocument, let year = document.year else { return [] }
        let location = Location(line: document.title?.line)
        if year <= 2018 {
            return [
                Violation(
                    zh: "\(year)年度报告早于2019年修订条例，其格式不受支持",
                    en: "A \(year) report predates the 2019 revised regulations; its format is not supported",
                    at: location, evidence: "\(year) ≤ 2018")
            ]
        }
        if let now = context.currentYear, year > now {
            return [
                Violation(
                    zh: "报告年度\(year)年晚于当前年份\(now)年，不可能", en: "Report year \(year) is after the current year \(now)",
                    at: location, evidence: "\(year) > \(now)")
            ]
        }
        return []
    }

    static let localVariation = Rule(
        "FMT-005", .warning,
        summary: .zh("使用了地方模板的变化（已容许）", en: "Local or provincial template variation tolerated"),
        hint: .zh("如无地方要求，使用全国模板原文", en: "Use the national template unless local rules require otherwise")
    ) { context in
        guard let document = context.readableDocument else { return [] }
        return document.templateVariations.map { variation in
            let table = variation.table.map { "表\($0.rawValue)" } ?? "报告"
            let tableEn = variation.table.map { "table \($0.rawValue)" } ?? "the report"
            return Violation(
                zh: "\(table)使用了地方模板变化“\(variation.text)”，已按全国格式容许",
                en: "\(tableEn) carries a local template variation “\(variation.text)”; tolerated",
                at: Location(line: variation.line, section: variation.table?.section, table: variation.table),
                evidence: variation.text)
        }
    }
}

/// The report's format markers split by version, in source order.
struct FormatMarkers {
    let trial: [FormatMarker]
    let current: [FormatMarker]

    init(_ document: ReportDocument) {
        let sorted = document.formatMarkers.sorted { $0.line < $1.line }
        trial = sorted.filter { $0.version == .trial2019 }
        current = sorted.filter { $0.version == .format2021 }
    }

    /// The markers of the other version when `version`'s own are absent; nil otherwise.
    func onlyOtherThan(_ version: FormatVersion) -> [FormatMarker]? {
        let own = version == .format2021 ? current : trial
        let other = version == .format2021 ? trial : current
        return own.isEmpty && !other.isEmpty ? other : nil
    }

    /// `“本年新制作数量” @ 23, …`, the first few.
    static func describe(_ markers: [FormatMarker]) -> String {
        let shown = markers.prefix(4).map { "“\($0.text)” @ \($0.line)" }.joined(separator: ", ")
        return markers.count > 4 ? shown + ", …" : shown
    }
}
