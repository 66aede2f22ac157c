/// Removes extraction artifacts from source lines and records them (STRUCT-008): Word bookmarks,
/// zero-width characters, page-number lines, form feeds and stray Markdown separator rows.
enum LineCleaner {
    static func clean(_ lines: [SourceLine], artifacts: inout [Artifact]) -> [SourceLine] {
        var out: [SourceLine] = []
        out.reserveCapacity(lines.count)
        for line in lines {
            var text = line.text
            if text.utf8.contains(0x0C) { text.removeAll { $0 == "\u{0C}" } }
            if text.contains("[bookmark") {
                text = removeBookmarks(text, line: line.number, artifacts: &artifacts)
            }
            if hasZeroWidth(text) {
                text.unicodeScalars.removeAll { isZeroWidth($0) }
                artifacts.append(Artifact(kind: .zeroWidth, line: line.number, text: "U+200B"))
            }
            if isPageNumber(text) {
                artifacts.append(Artifact(kind: .pageNumber, line: line.number, text: TextNormalizer.trim(text)))
                continue
            }
            if isSeparatorRow(text) {
                if !TextNormalizer.trim(text).hasPrefix("|") {
                    artifacts.append(Artifact(kind: .markdownSeparator, line: line.number, text: TextNormalizer.trim(text)))
                }
                continue
            }
            out.append(SourceLine(number: line.number, text: text, headingLevel: line.headingLevel))
        }
        return out
    }

    static func removeBookmarks(_ text: String, line: Int, artifacts: inout [Artifact]) -> String {
        var result = Substring(text)
        var kept = ""
        while let start = result.firstRange(of: "[bookmark") {
            kept += result[..<start.lowerBound]
            guard let end = result[start.upperBound...].firstIndex(of: "]") else {
                result = result[start.lowerBound...]
                break
            }
            artifacts.append(Artifact(kind: .bookmark, line: line, text: String(result[start.lowerBound...end])))
            result = result[result.index(after: end)...]
        }
        return kept + result
    }

    @inline(__always)
    static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
        (0x200B...0x200D).contains(s.value) || s.value == 0xFEFF || s.value == 0x2060
    }

    static func hasZeroWidth(_ text: String) -> Bool {
        // All zero-width characters are three bytes in UTF-8 starting with 0xE2 or 0xEF.
        guard text.utf8.contains(where: { $0 == 0xE2 || $0 == 0xEF }) else { return false }
        return text.unicodeScalars.contains { isZeroWidth($0) }
    }

    /// `- 4 -`, `-5-`, `— 12 —`, `第 3 页 共 6 页`, `3/6`.
    static func isPageNumber(_ text: String) -> Bool {
        guard text.utf8.count <= 48 else { return false }
        let key = TextNormalizer.key(text)
        guard !key.isEmpty, key.count <= 12 else { return false }
        var s = Substring(key)
        if s.hasPrefix("第"), s.hasSuffix("页") || s.contains("页共") { return s.contains("页") && s.dropFirst().first?.isASCIIDigit == true }
        guard s.first == "-", s.last == "-", s.count >= 3 else { return false }
        s = s.dropFirst().dropLast()
        return !s.isEmpty && s.allSatisfy(\.isASCIIDigit)
    }

    /// A row made only of dashes, colons, pipes and white space, with at least three dashes.
    static func isSeparatorRow(_ text: String) -> Bool {
        var dashes = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "-": dashes += 1
            case ":", "|", " ", "\t", "\u{3000}": continue
            default: return false
            }
        }
        return dashes >= 3
    }
}
