/// Describes a set of C flag bits by the names the C headers give them, e.g. `O_NOFOLLOW|O_CLOEXEC`;
/// bits without a name are shown in hex, and the empty set as `[]`.
enum FlagNames {
    static func describe<Flags: OptionSet>(_ flags: Flags, names: [(Flags, String)]) -> String
    where Flags.RawValue: BinaryInteger, Flags.Element == Flags {
        var rest = flags
        var parts: [String] = []
        for (flag, name) in names where rest.contains(flag) {
            parts.append(name)
            rest.remove(flag)
        }
        if rest.rawValue != 0 { parts.append("0x" + String(rest.rawValue, radix: 16)) }
        return parts.isEmpty ? "[]" : parts.joined(separator: "|")
    }
}
