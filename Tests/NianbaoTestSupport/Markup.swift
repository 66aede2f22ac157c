/// Escaping text for the markup the renderings write (HTML and WordprocessingML).
public enum Markup {
    /// `&`, `<` and `>` as references, plus the characters in `also` as the references given there.
    public static func escape(_ text: String, also: [Character: String] = [:]) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out += also[character] ?? String(character)
            }
        }
        return out
    }
}
