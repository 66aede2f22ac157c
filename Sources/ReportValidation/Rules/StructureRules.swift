/// STRUCT-001…008: title, year, the six top-level headings, where the tables sit, extraction artifacts
/// (spec §3, §10, §16).
extension RuleCatalogue {
    static let structureRules: [Rule] = [
        titleAndYear, titleShape, missingSection, misplacedContent, headingOrder, headingAlias,
        headingLevels, artifactsStripped,
    ]

    static let titleAndYear = Rule(
        "STRUCT-001", .error,
        summary: .zh("未找到标题，或无法确定报告年度", en: "No title found, or no report year can be determined"),
        hint: .zh(
            "在首行写出“<机关全称>YYYY年政府信息公开工作年度报告”",
            en: "Put “<unit>YYYY年政府信息公开工作年度报告” on the first line")
    ) { context in
        guard let document = context.readableDocument else { return [] }
        switch (document.title, document.year) {
        case (nil, nil):
            return [
                Violation(
                    zh: "未找到报告标题，也无法从正文确定报告年度", en: "No title found and no report year in the text",
                    at: .document)
            ]
        case (nil, let year?):
            return [
                Violation(
                    zh: "未找到报告标题（正文所述年度为\(year)年）",
                    en: "No title found (the text reports on \(year))", at: .document)
            ]
        case (let title?, nil):
            return [
                Violation(
                    zh: "标题中没有年份，正文中也无法确定报告年度", en: "Neither the title nor the text gives the report year",
                    at: Location(line: title.line), evidence: title.text)
            ]
        case (_?, _?):
            return []
        }
    }

    static let titleShape = Rule(
        "STRUCT-002", .warning,
        summary: .zh(
            "标题与“<机关全称>YYYY年政府信息公开工作年度报告”不一致（已忽略空格和换行）",
            en: "Title deviates from “<unit>YYYY年政府信息公开工作年度报告” (spaces and line breaks ignored)"),
        hint: .zh("按模板写标题，例如“××镇人民政府2021年政府信息公开工作年度报告”", en: "Word the title as the template does")
    ) { context in
        guard let title = context.readableDocument?.title else { return [] }
        let shape = TitleShape(title.text)
        guard shape.deviation != nil else { return [] }
        let why = shape.explanation
        return [
            Violation(
                zh: "标题“\(shape.normalized)”与模板格式不一致：\(why.zh)",
                en: "The title “\(shape.normalized)” deviates from the template: \(why.en)",
                at: Location(line: title.line),
                evidence: "\(shape.normalized) ≠ <机关全称>YYYY年\(TitleShape.templateTail)")
        ]
    }

    static let missingSection = Rule(
        "STRUCT-003", .error,
        summary: .zh("缺少六个一级标题之一（允许使用公认别称）", en: "One of the six mandatory section headings is missing"),
        hint: .zh("补上该部分的标题和内容，标题用模板原文", en: "Add the section with the template heading")
    ) { context in
        guard let document = context.readableDocument else { return [] }
        let outline = HeadingOutline(document.headings)
        let present = outline.presentSections
        let found = outline.topLevel.map { "\($0.heading.text) @ \($0.heading.line)" }.joined(separator: "; ")
        let tableLines: [SectionKind: Int] = [
            .proactive: document.disclosureTable?.line, .applications: document.applicationTable?.line,
            .reviewLitigation: document.reviewTable?.line,
        ].compactMapValues { $0 }
        return SectionKind.allCases.filter { !present.contains($0) }.map { section in
            // The table was found by its own content: say the heading is what is missing, and where the table is.
            guard let tableLine = tableLines[section] else {
                return Violation(
                    zh: "缺少一级标题“\(section.templateHeading)”",
                    en: "Section \(section.ordinal) (\(section.englishName)) is missing",
                    at: Location(section: section), evidence: found.isEmpty ? "—" : found)
            }
            if let garbled = document.unrecognisedHeadings[section] {
                return Violation(
                    zh: "一级标题“\(garbled)”无法辨认，应为“\(section.templateHeading)”：表\(section.ordinal)已按表格内容"
                        + "在第\(tableLine)行找到",
                    en: "The heading “\(garbled)” is not recognisable as section \(section.ordinal) (\(section.englishName)): "
                        + "its table was found by its content on line \(tableLine)",
                    at: Location(line: tableLine, section: section), evidence: garbled)
            }
            return Violation(
                zh: "缺少一级标题“\(section.templateHeading)”：表\(section.ordinal)已按表格内容在第\(tableLine)行找到，"
                    + "但其上方没有标题",
                en: "Section \(section.ordinal) (\(section.englishName)) has no recognisable heading: its table was "
                    + "found by its content on line \(tableLine), with no heading above it",
                at: Location(line: tableLine, section: section), evidence: found.isEmpty ? "—" : found)
        }
    }

    static let misplacedContent = Rule(
        "STRUCT-004", .error,
        summary: .zh(
            "标题序号与标题文字不符，或表格位于错误的部分下",
            en: "A heading's ordinal and text disagree, or a table sits under the wrong heading"),
        hint: .zh("使序号与模板标题文字对应，并把表格放回所属部分", en: "Match each ordinal to its template heading; move the table")
    ) { context in
        guard let document = context.readableDocument else { return [] }
        let outline = HeadingOutline(document.headings)
        var found: [Violation] = outline.mismatches.map { ordinalSection, heading in
            let named = heading.kind!
            let expected = ordinalSection.map { "“\($0.templateHeading)”" } ?? "—"
            return Violation(
                zh:
                    "标题“\(heading.text)”的序号“\(heading.ordinalText)”与文字不符：该位置应为\(expected)，"
                    + "文字属于“\(named.templateHeading)”",
                en: "Heading “\(heading.text)” is numbered \(heading.ordinalText) but its text names section "
                    + "\(named.ordinal) (\(named.englishName))",
                at: Location(line: heading.line, section: ordinalSection ?? named),
                evidence: "\(heading.ordinalText)、 ↔ \(named.templateHeading)")
        }
        found += misplacedTables(in: document, outline: outline)
        return found
    }

    /// Tables found under another section than their own, when their own section has a heading.
    private static func misplacedTables(in document: ReportDocument, outline: HeadingOutline) -> [Violation] {
        let tables: [(kind: TableKind, line: Int, foundIn: SectionKind?)] = [
            document.disclosureTable.map { (TableKind.proactive, $0.line, $0.foundIn) },
            document.applicationTable.map { (TableKind.applications, $0.line, nil) },
            document.reviewTable.map { (TableKind.reviewLitigation, $0.line, nil) },
        ].compactMap { $0 }
        let present = outline.presentSections
        return tables.compactMap { table in
            let own = table.kind.section
            // A table whose own heading is lost naturally sits under the previous one: STRUCT-003 says so.
            guard present.contains(own) else { return nil }
            // Lines cannot order a table and a heading that share one source line (one-line web pages).
            guard !document.headings.contains(where: { $0.line == table.line }) else { return nil }
            let underText: String
            if let governing = outline.governingHeading(ofLine: table.line) {
                guard !outline.heading(governing.index, names: own) else { return nil }
                underText = governing.heading.text
            } else if let foundIn = table.foundIn, foundIn != own {
                underText = foundIn.templateHeading
            } else {
                return nil
            }
            return Violation(
                zh: "表\(table.kind.rawValue)位于“\(underText)”下，应位于“\(own.templateHeading)”下",
                en:
                    "Table \(table.kind.rawValue) sits under “\(underText)” instead of section \(own.ordinal) "
                    + "(\(own.englishName))",
                at: Location(line: table.line, section: own, table: table.kind),
                evidence: "表\(table.kind.rawValue) @ \(table.line) ∈ \(underText)")
        }
    }

    static let headingOrder = Rule(
        "STRUCT-005", .error,
        summary: .zh(
            "一级标题顺序错误、重复、重新编号或后半部分编号整体错位",
            en: "Headings out of order, duplicated, restarted numbering, or the second half shifted"),
        hint: .zh("一级标题按“一、”至“六、”各出现一次，顺序与模板一致", en: "Use 一、 to 六、 once each, in template order")
    ) { context in
        guard let document = context.readableDocument else { return [] }
        let outline = HeadingOutline(document.headings)
        return HeadingOrderCheck.violations(outline)
    }

    static let headingAlias = Rule(
        "STRUCT-006", .warning,
        summary: .zh("一级标题使用了别称而非模板原文", en: "A heading alias was used instead of the template wording"),
        hint: .zh("改用模板原文作为标题", en: "Use the template wording for the heading")
    ) { context in
        guard let document = context.readableDocument else { return [] }
        return document.headings.compactMap { heading in
            guard let kind = heading.kind, !heading.isTemplateWording else { return nil }
            let why: LocalizedText
            switch heading.wording {
            case .typo:
                why = .zh(
                    "与模板原文“\(kind.templateHeading)”有个别字不同（疑为笔误），已按第\(kind.ordinal)部分读取",
                    en: "differs from the template heading “\(kind.templateHeading)” by a character or two (a typo?); "
                        + "read as section \(kind.ordinal)")
            case .keywords:
                why = .zh(
                    "不是模板原文，按序号和关键词读作第\(kind.ordinal)部分，模板原文为“\(kind.templateHeading)”",
                    en: "is not the template wording; read by its ordinal and key words as section \(kind.ordinal) "
                        + "“\(kind.templateHeading)”")
            case .alias, .template:
                why = .zh(
                    "是别称，模板原文为“\(kind.templateHeading)”",
                    en: "is an alias of the template heading “\(kind.templateHeading)”")
            }
            return Violation(
                zh: "标题“\(heading.text)”" + why.zh, en: "Heading “\(heading.text)” " + why.en,
                at: Location(line: heading.line, section: kind),
                evidence: "\(heading.text) → \(kind.templateHeading)")
        }
    }

    static let headingLevels = Rule(
        "STRUCT-007", .warning,
        summary: .zh(
            "六个一级标题的标题层级不一致（Markdown“#”、网页<hN>或 Word 标题样式）",
            en: "Heading levels differ among the six top-level headings (Markdown #, HTML <hN> or Word heading styles)"),
        hint: .zh("六个一级标题使用同一级标题格式", en: "Give the six top-level headings the same heading level")
    ) { context in
        guard let document = context.readableDocument else { return [] }
        let top = HeadingOutline(document.headings).topLevel
        let levels = Dictionary(grouping: top, by: \.heading.markdownLevel)
        guard levels.count > 1 else { return [] }
        // Point at the first heading on a level fewer headings use (ties: the deeper level).
        let usual = levels.max { a, b in (a.value.count, b.key) < (b.value.count, a.key) }!.key
        let odd = top.first { $0.heading.markdownLevel != usual }!
        let markdown = document.layout != .html && document.layout != .docx
        let evidence = levels.keys.sorted().map { level in
            let marks: String
            switch (level, markdown) {
            case (0, true): marks = "(no #)"
            case (0, false): marks = "(正文)"
            case (_, true): marks = String(repeating: "#", count: level)
            case (_, false): marks = document.layout == .html ? "<h\(level)>" : "标题 \(level)"
            }
            return marks + " " + levels[level]!.map(\.section.ordinal).joined(separator: "、")
        }.joined(separator: "; ")
        return [
            Violation(
                zh: "一级标题的层级不一致：“\(odd.heading.text)”与其他标题不同",
                en: "Top-level headings use different heading levels: “\(odd.heading.text)” differs from the others",
                at: Location(line: odd.heading.line, section: odd.section), evidence: evidence)
        ]
    }

    static let artifactsStripped = Rule(
        "STRUCT-008", .warning,
        summary: .zh("存在提取残留（书签、分隔行、页码、零宽字符），已去除", en: "Extraction artifacts present and stripped"),
        hint: .zh("发布前删除书签标记、分隔行、页码行和零宽字符", en: "Remove bookmarks, separator rows, page numbers before publishing")
    ) { context in
        guard let document = context.readableDocument, let first = document.artifacts.first else { return [] }
        let byKind = Dictionary(grouping: document.artifacts, by: \.kind)
        let kinds = byKind.keys.sorted { byKind[$0]![0].line < byKind[$1]![0].line }
        // What was removed, as the clerk can find it in the document (the first of each kind), and where.
        let evidence = kinds.map { kind in
            let found = byKind[kind]!
            let text = found[0].text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            var shown = text.prefix(40)
            while shown.last == " " { shown = shown.dropLast() }
            if shown.count < text.count { shown += "…" }
            return "“\(shown)” @ \(Evidence.lines(found.map(\.line)))"
        }.joined(separator: "; ")
        let zhNames = kinds.map(\.chineseName).joined(separator: "、")
        return [
            Violation(
                zh: "发现\(document.artifacts.count)处提取残留（\(zhNames)），校验前已去除",
                en: "\(document.artifacts.count) extraction artifact(s) found and stripped before validation",
                at: Location(line: first.line), evidence: evidence)
        ]
    }
}

extension Artifact.Kind {
    /// What the artifact is called in Chinese messages.
    var chineseName: String {
        switch self {
        case .bookmark: "书签标记"
        case .markdownSeparator: "Markdown 分隔行"
        case .pageNumber: "页码行"
        case .zeroWidth: "零宽字符"
        case .markup: "标记代码"
        }
    }
}
