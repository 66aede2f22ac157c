/// The navigation a web page wraps around a report — breadcrumbs (`当前位置：首页 > 政务公开 > …`), print,
/// close and share links, font-size switches — recognised by its patterns so the prose scanners never read it
/// as the author's text (a glued breadcrumb `政府信息公开政府信息公开年报` is no duplicated word).
enum PageChrome {
    /// Words that open a breadcrumb trail.
    static let breadcrumbOpeners = ["当前位置", "您现在的位置", "您的位置", "现在的位置", "所在位置"]
    /// Separators between the steps of a breadcrumb.
    static let separators: Set<Character> = [">", "＞", "»", "›", "→", "/", "\\", "|", "-", "—"]
    /// Controls pages print around a report, with or without brackets.
    static let controls = [
        "打印本页", "打印此页", "打印文章", "关闭窗口", "关闭本页", "关闭此页", "收藏本页", "加入收藏", "返回顶部", "返回首页",
        "扫一扫在手机打开当前页", "【打印】", "【关闭】", "[打印]", "[关闭]", "【收藏】", "【返回】",
    ]
    /// Blanks and brackets of a font-size switch (`【字体：大 中 小】`).
    static let sizeWords: Set<Character> = ["大", "中", "小", " ", "\u{3000}", "]", "】", "[", "【", "|", "丨"]

    /// `text` with page chrome removed (unchanged when it has none).
    static func strip(_ text: String) -> String {
        guard mayContainChrome(text) else { return text }
        var out = Substring(text)
        var result = ""
        while let (range, end) = nextChrome(in: out) {
            result += out[..<range]
            out = out[end...]
        }
        result += out
        return TextNormalizer.trim(result)
    }

    /// True when `line` ends on a breadcrumb opener (`当前位置：`) whose steps a web page put on the
    /// following lines (one `<li>` each).
    static func opensBreadcrumb(_ line: String) -> Bool {
        var key = Substring(TextNormalizer.key(line))
        while let last = key.last, last == ":" { key = key.dropLast() }
        return breadcrumbOpeners.contains { key.hasSuffix($0) }
    }

    /// True for a line that can be one step of a breadcrumb: a short name or a lone separator, no sentence.
    static func isBreadcrumbStep(_ line: String) -> Bool {
        let key = TextNormalizer.key(line)
        guard !key.isEmpty, key.count <= 12 else { return false }
        return !key.contains { "。,;:!?".contains($0) || $0.isASCIIDigit }
    }

    /// Cheap filter on the characters chrome starts with.
    static func mayContainChrome(_ text: String) -> Bool {
        text.contains("位置") || text.contains("首页") || text.contains("打印") || text.contains("关闭")
            || text.contains("分享到") || text.contains("字体") || text.contains("收藏") || text.contains("返回")
            || text.contains("扫一扫")
    }

    /// The first piece of chrome in `text`: where it starts and where it ends.
    private static func nextChrome(in text: Substring) -> (String.Index, String.Index)? {
        var best: (String.Index, String.Index)? = nil
        func consider(_ start: String.Index, _ end: String.Index) {
            if best == nil || start < best!.0 { best = (start, end) }
        }
        for opener in breadcrumbOpeners {
            if let found = text.firstRange(of: opener) {
                var cursor = found.upperBound
                cursor = skip(text, from: cursor) { $0 == ":" || $0 == "：" || $0 == " " || $0 == "\u{3000}" }
                consider(found.lowerBound, breadcrumbEnd(text, from: cursor))
            }
        }
        // `首页 > 政务公开 > …` without an opener: 首页 followed by a separator.
        var search = text.startIndex
        while let found = text[search...].firstRange(of: "首页") {
            let next = skip(text, from: found.upperBound) { $0 == " " || $0 == "\u{3000}" }
            if next < text.endIndex, separators.contains(text[next]) {
                consider(found.lowerBound, breadcrumbEnd(text, from: found.lowerBound))
                break
            }
            search = found.upperBound
        }
        for control in controls {
            if let found = text.firstRange(of: control) { consider(found.lowerBound, found.upperBound) }
        }
        if let found = text.firstRange(of: "分享到") {
            // `分享到：微信 微博` / `分享到微信`: the share word and the channel names after it.
            let end = skip(text, from: found.upperBound) { $0 != "。" && $0 != "，" && !$0.isNewline }
            consider(found.lowerBound, min(end, text.index(found.upperBound, offsetBy: 12, limitedBy: end) ?? end))
        }
        var fontSearch = text.startIndex
        while let found = text[fontSearch...].firstRange(of: "字体") {
            var start = found.lowerBound
            if start > text.startIndex, "【[".contains(text[text.index(before: start)]) { start = text.index(before: start) }
            let afterColon = skip(text, from: found.upperBound) { $0 == ":" || $0 == "：" }
            let end = skip(text, from: afterColon) { sizeWords.contains($0) }
            let sizes = text[afterColon..<end].filter { "大中小".contains($0) }.count
            if afterColon > found.upperBound, sizes >= 2 {
                consider(start, end)
                break
            }
            fontSearch = found.upperBound
        }
        return best
    }

    /// Where a breadcrumb that starts at `start` ends: its steps run on while they are glued together or
    /// joined by separators; the first blank not followed by a separator ends it.
    private static func breadcrumbEnd(_ text: Substring, from start: String.Index) -> String.Index {
        var cursor = start
        while cursor < text.endIndex {
            let character = text[cursor]
            if character == " " || character == "\u{3000}" || character == "\t" {
                let next = skip(text, from: cursor) { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }
                let previous = cursor > text.startIndex ? text[text.index(before: cursor)] : " "
                guard next < text.endIndex, separators.contains(text[next]) || separators.contains(previous) else {
                    return next
                }
                cursor = next
                continue
            }
            if "。，；,;".contains(character) || character.isNewline { return cursor }
            cursor = text.index(after: cursor)
        }
        return cursor
    }

    private static func skip(_ text: Substring, from start: String.Index, while condition: (Character) -> Bool)
        -> String.Index
    {
        var cursor = start
        while cursor < text.endIndex, condition(text[cursor]) { cursor = text.index(after: cursor) }
        return cursor
    }
}
