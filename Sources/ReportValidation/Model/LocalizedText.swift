/// A message in both languages nianbao speaks: Chinese for the agencies, English for everyone else.
public struct LocalizedText: Sendable, Hashable, Codable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// The text in `language`.
    public func text(in language: Language) -> String {
        language == .zh ? zh : en
    }
}

/// The language findings are written in.
public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
    case zh
    case en
}
