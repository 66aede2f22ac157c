extension RuleCatalogue {
    /// Text-quality warnings (spec §10, §3.3, §3.4).
    static let textQualityRules: [Rule] = [
        Rule(
            "TEXT-006", .warning,
            summary: .zh("中文正文中夹杂英文单词（常用缩写、网址除外）", en: "Stray Latin-script word inside Chinese prose (acronyms, URLs excepted)"),
            hint: .zh("删除或改为中文表述，如“与企业 and 群众”改为“与企业和群众”", en: "Remove it or write it in Chinese, e.g. 与企业 and 群众 → 与企业和群众")
        ) { context in
            TextQualityChecks.latinWords(context.document)
        },
        Rule(
            "TEXT-007", .warning,
            summary: .zh("段落中引号或括号不成对", en: "Unbalanced quotation marks or brackets in a paragraph"),
            hint: .zh("补全缺失的引号或括号", en: "Add the missing quotation mark or bracket")
        ) { context in
            TextQualityChecks.unbalancedMarks(context.document)
        },
        Rule(
            "TEXT-008", .warning,
            summary: .zh("相邻文字重复（如“审核审核”“理由 由”）", en: "Duplicated adjacent characters or words (e.g. 审核审核, 理由 由)"),
            hint: .zh("删除重复的文字", en: "Delete the repeated text")
        ) { context in
            TextQualityChecks.duplicatedWords(context.document)
        },
        Rule(
            "TEXT-009", .warning,
            summary: .zh("第五部分为空、仅为“无”、过短或没有改进措施", en: "Section 五 is empty, just 无, very short, or names no improvement measures"),
            hint: .zh("写明存在的主要问题和具体改进措施", en: "State the main problems and concrete improvement measures")
        ) { context in
            TextQualityChecks.thinProblemsSection(context.document)
        },
        Rule(
            "TEXT-010", .warning,
            summary: .zh(
                "自称与发布机关类型不符（如镇政府报告中出现“我中心”），疑似套用他人文本",
                en: "Self-reference does not match the issuing unit (e.g. 我中心 in a 镇 report): copy-paste signal"),
            hint: .zh(
                "将自称改为与本机关一致的表述，并核对相关内容是否属于本机关",
                en: "Use the unit's own self-reference and check that the passage really describes this unit")
        ) { context in
            TextQualityChecks.foreignSelfReference(context.document)
        },
        Rule(
            "TEXT-011", .warning,
            summary: .zh(
                "第一部分缺少五个方面之一（主动公开、依申请公开、政府信息管理、平台建设、监督保障）",
                en: "Section 一 lacks one of the five aspects (proactive, on application, management, platforms, supervision)"),
            hint: .zh("在总体情况中按五个方面分别概述", en: "Cover all five aspects in the overview")
        ) { context in
            TextQualityChecks.missingAspects(context.document)
        },
        Rule(
            "TEXT-012", .warning,
            summary: .zh(
                "人民政府（含乡镇、街道）报告未提及工作考核、社会评议和责任追究结果", en: "A people's government report never mentions 考核, 评议 or 责任追究 results (Art. 50(4))"),
            hint: .zh("在监督保障部分报告工作考核、社会评议和责任追究结果情况", en: "Report the assessment, public evaluation and accountability results under 监督保障")
        ) { context in
            TextQualityChecks.missingAccountability(context.document)
        },
    ]
}

/// The checks behind TEXT-006 … TEXT-012.
enum TextQualityChecks {
    static func latinWords(_ document: ReportDocument) -> [Violation] {
        document.paragraphs.flatMap { paragraph in
            TextScanners.strayLatinWords(paragraph.text).map { fragment in
                Violation(
                    zh: "中文正文中夹杂英文：“\(fragment)”", en: "Latin-script word inside Chinese prose: “\(fragment)”",
                    at: Location(line: paragraph.line, section: paragraph.section), evidence: "正文“\(fragment)”")
            }
        }
    }

    /// Counted per paragraph; an opener left open at the end of one paragraph and closed at the start of the
    /// next is a line wrap, not a defect.
    static func unbalancedMarks(_ document: ReportDocument) -> [Violation] {
        let paragraphs = document.paragraphs
        let balances = paragraphs.map { TextScanners.balance($0.text) }
        var violations: [Violation] = []
        for (k, paragraph) in paragraphs.enumerated() {
            for (p, entry) in balances[k].enumerated() where entry.delta != 0 {
                let isQuote = p == TextScanners.pairs.count
                if isWrapped(balances, paragraphs, k, p) { continue }
                let name = TextScanners.pairNames[p]
                let scalars = Array(paragraph.text.unicodeScalars)
                let at = entry.at ?? 0
                let fragment = TextScanners.excerpt(scalars, at..<min(scalars.count, at + 1), margin: 8)
                let what = isQuote ? "英文双引号\"个数为奇数" : (entry.delta > 0 ? "\(name)缺少\(entry.delta)个右侧符号" : "\(name)缺少\(-entry.delta)个左侧符号")
                let whatEn =
                    isQuote
                    ? "odd number of ASCII \" marks"
                    : (entry.delta > 0 ? "\(entry.delta) unclosed \(name)" : "\(-entry.delta) unopened \(name)")
                violations.append(
                    Violation(
                        zh: "引号或括号不成对：\(what)", en: "Unbalanced quotes or brackets: \(whatEn)",
                        at: Location(line: paragraph.line, section: paragraph.section), evidence: "正文“\(fragment)”"))
            }
        }
        return violations
    }

    /// Paragraphs a mark may wrap into: PDF text breaks prose into lines that a reader may keep apart.
    static let wrapReach = 3

    /// True when the marks left open (or closed) in paragraph `k` are balanced by its neighbours within
    /// `wrapReach` in the same section: a line wrap, not a missing mark.
    static func isWrapped(_ balances: [[(delta: Int, at: Int?)]], _ paragraphs: [Paragraph], _ k: Int, _ p: Int) -> Bool {
        let delta = balances[k][p].delta
        let near = max(0, k - wrapReach)...min(balances.count - 1, k + wrapReach)
        if p == TextScanners.pairs.count {
            return near.contains { $0 != k && paragraphs[$0].section == paragraphs[k].section && balances[$0][p].delta != 0 }
        }
        var sum = delta
        let step = delta > 0 ? 1 : -1
        var j = k + step
        while near.contains(j) && paragraphs[j].section == paragraphs[k].section {
            sum += balances[j][p].delta
            if sum == 0 { return true }
            if (sum > 0) != (delta > 0) { return false }
            j += step
        }
        return false
    }

    /// Prose paragraphs and the labels of table 三 (where `理由 由` was seen).
    static func duplicatedWords(_ document: ReportDocument) -> [Violation] {
        var violations: [Violation] = []
        for paragraph in document.paragraphs where TextScanners.looksLikeProse(paragraph.text) {
            for fragment in TextScanners.duplicates(paragraph.text) {
                violations.append(
                    Violation(
                        zh: "相邻文字重复：“\(fragment)”", en: "Duplicated adjacent text: “\(fragment)”",
                        at: Location(line: paragraph.line, section: paragraph.section), evidence: "正文“\(fragment)”"))
            }
        }
        guard let table = document.applicationTable else { return violations }
        let rows = table.rows.values.sorted { $0.line < $1.line } + table.duplicateRows
        for row in rows {
            let template = TextNormalizer.key(row.key.templateLabel)
            for fragment in TextScanners.duplicates(row.label, template: template) {
                violations.append(
                    Violation(
                        zh: "表三行名中文字重复：“\(fragment)”", en: "Duplicated text in a table 三 row label: “\(fragment)”",
                        at: Location(line: row.line, section: .applications, table: .applications, row: row.key.templateLabel),
                        evidence: "行名“\(row.label)”；模板“\(row.key.templateLabel)”"))
            }
        }
        return violations
    }

    /// Judged only when section 五 was found (its absence is STRUCT-003's finding).
    static func thinProblemsSection(_ document: ReportDocument) -> [Violation] {
        let heading = document.heading(.problems)
        let paragraphs = document.paragraphs(in: .problems)
        guard heading != nil || !paragraphs.isEmpty else { return [] }
        // Fast path: a substantial section that names improvements.
        if paragraphs.contains(where: { $0.text.utf8.count >= 30 && $0.text.hasAny(ContentKeywords.improvementWords) }) { return [] }
        let text = TextNormalizer.key(paragraphs.map(\.text).joined())
        let location = Location(line: heading?.line ?? paragraphs.first?.line, section: .problems)
        let length = text.unicodeScalars.count
        let shown = text.isEmpty ? "（无正文）" : ScalarText(text).excerpt(ScalarText(text).all, limit: 40)
        if text.isEmpty || ContentKeywords.noneAnswers.contains(text) || length < 10 {
            return [
                Violation(
                    zh: "第五部分内容为空或过于简单（\(length)字），未说明存在的问题及改进情况",
                    en: "Section 五 is empty or perfunctory (\(length) characters): no problems or improvements stated",
                    at: location, evidence: "第五部分正文：“\(shown)”")
            ]
        }
        let st = ScalarText(text)
        guard !st.containsAny(ContentKeywords.improvementWords, in: st.all) else { return [] }
        return [
            Violation(
                zh: "第五部分只列问题，没有改进措施的表述", en: "Section 五 lists problems but no improvement measures",
                at: location, evidence: "第五部分正文：“\(shown)”；未见“改进/加强/完善/整改…”等字样")
        ]
    }

    static func foreignSelfReference(_ document: ReportDocument) -> [Violation] {
        guard let profile = UnitProfile(document) else { return [] }
        return UnitProfile.selfReferences(in: document.paragraphs).filter { profile.misfits($0.ref) }.map { found in
            Violation(
                zh: "发布机关为“\(profile.unit)”，正文却自称“\(found.ref.display)”（共\(found.count)处），疑似套用其他单位文本",
                en:
                    "The issuing unit is \(profile.unit), but the text calls itself \(found.ref.display) (\(found.count)×): likely copied from another unit's report",
                at: Location(line: found.first.line, section: found.first.section),
                evidence: "标题机关“\(profile.unit)”；正文“\(found.excerpt)”")
        }
    }

    /// Judged only when section 一 has prose; one finding naming every aspect missing.
    static func missingAspects(_ document: ReportDocument) -> [Violation] {
        let paragraphs = document.paragraphs(in: .overview)
        guard !paragraphs.isEmpty else { return [] }
        // Raw bytes first; only if something seems missing, look again with white space removed (`主动 公开`).
        var missing = ContentKeywords.aspects.filter { aspect in !paragraphs.contains { $0.text.hasAny(aspect.words) } }
        if !missing.isEmpty {
            let st = ScalarText(paragraphs.map(\.text).joined(separator: "\n"))
            missing = missing.filter { !st.containsAny($0.words, in: st.all) }
        }
        guard !missing.isEmpty else { return [] }
        let zh = missing.map(\.zh).joined(separator: "、")
        let en = missing.map(\.en).joined(separator: ", ")
        return [
            Violation(
                zh: "第一部分总体情况未涉及：\(zh)", en: "Section 一 does not cover: \(en)",
                at: Location(line: document.heading(.overview)?.line ?? paragraphs.first?.line, section: .overview),
                evidence: "第一部分未见关键词："
                    + missing.map { $0.words.map { String(String.UnicodeScalarView($0.scalars)) }.joined(separator: "/") }.joined(
                        separator: "；"))
        ]
    }

    static func missingAccountability(_ document: ReportDocument) -> [Violation] {
        guard let profile = UnitProfile(document), profile.isGovernment, !document.paragraphs.isEmpty else { return [] }
        let found = document.paragraphs.contains { paragraph in
            if paragraph.text.hasAny(ContentKeywords.accountabilityWords) { return true }
            guard paragraph.text.utf8.contains(where: { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 }) else { return false }
            let st = ScalarText(paragraph.text)
            return st.containsAny(ContentKeywords.accountabilityWords, in: st.all)
        }
        guard !found else { return [] }
        return [
            Violation(
                zh: "“\(profile.unit)”属于人民政府（乡镇、街道），但报告未提及工作考核、社会评议和责任追究结果",
                en:
                    "\(profile.unit) is a people's government, but the report never mentions assessment, public evaluation or accountability results",
                at: Location(line: document.heading(.overview)?.line ?? document.title?.line, section: .overview),
                evidence: "全文未见“考核”“评议”“责任追究”")
        ]
    }
}
