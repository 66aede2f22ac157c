/// A webhook address with its key, or a signing secret, as read from its `LoadCredential=` file
/// (``CredentialStore``), never from the world-readable configuration.
///
/// Its description is `<secret>`, so interpolating it into a log line or an error cannot leak it.
package struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret's bytes, without the final line break an editor adds.
    package let bytes: [UInt8]

    package init(_ bytes: [UInt8]) {
        var bytes = bytes
        while let last = bytes.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") || last == UInt8(ascii: " ") {
            bytes.removeLast()
        }
        self.bytes = bytes
    }

    /// The secret as text (a URL or a signing secret is ASCII).
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    package var description: String { "<secret>" }
    package var debugDescription: String { "<secret>" }
}

/// A URL as it may be logged: scheme, host, port and path, with every query value and every path
/// segment that looks like a token (飞书 puts the robot's token in the path) replaced by `…`.
package enum RedactedURL {
    package static func shown(_ url: String) -> String {
        let (beforeQuery, query) = split(url, at: "?")
        var out = ""
        let schemeEnd = beforeQuery.firstRange(of: "://")
        let authorityAndPath = schemeEnd.map { String(beforeQuery[$0.upperBound...]) } ?? beforeQuery
        if let schemeEnd { out += beforeQuery[..<schemeEnd.upperBound] }
        let (authority, path) = split(authorityAndPath, at: "/")
        // user:password@ never shown.
        out += authority.split(separator: "@").last.map(String.init) ?? ""
        if let path {
            out +=
                "/"
                + path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
                    looksLikeToken(segment) ? "…" : String(segment)
                }.joined(separator: "/")
        }
        if let query {
            out +=
                "?"
                + query.split(separator: "&").map { item in
                    let name = item.split(separator: "=", maxSplits: 1).first ?? ""
                    return "\(name)=…"
                }.joined(separator: "&")
        }
        return out
    }

    /// 16 or more characters with a digit in them: a hook token or key, not a word like `webhook`.
    static func looksLikeToken(_ segment: Substring) -> Bool {
        segment.count >= 16 && segment.contains(where: \.isNumber)
    }

    private static func split(_ text: String, at separator: Character) -> (String, String?) {
        guard let index = text.firstIndex(of: separator) else { return (text, nil) }
        return (String(text[..<index]), String(text[text.index(after: index)...]))
    }
}
