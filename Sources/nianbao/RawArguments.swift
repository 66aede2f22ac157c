import Glibc

/// The command line's arguments as the bytes the shell passed: a GBK-named FILE is not valid UTF-8,
/// and `CommandLine.arguments` (what the parser sees) replaced its bad bytes with U+FFFD.
struct RawArguments {
    /// Each argument after the program name, as bytes.
    private let arguments: [[UInt8]]
    /// How many times each decoded text was asked for, so repeated look-ups take successive arguments.
    private var taken: [String: Int] = [:]

    init() {
        arguments = (1..<Int(CommandLine.argc)).compactMap { index in
            CommandLine.unsafeArgv[index].map { Array(UnsafeBufferPointer(start: $0, count: strlen($0))).map(UInt8.init(bitPattern:)) }
        }
    }

    /// The bytes of the argument the parser gave as `text`: its UTF-8 when that is exact, else the next
    /// raw argument that decodes to `text` (two GBK names of one length decode alike, so order decides).
    mutating func bytes(of text: String) -> [UInt8] {
        guard text.unicodeScalars.contains("\u{FFFD}") else { return Array(text.utf8) }
        let matches = arguments.filter { String(decoding: $0, as: UTF8.self) == text }
        let index = taken[text, default: 0]
        taken[text] = index + 1
        return index < matches.count ? matches[index] : Array(text.utf8)
    }
}
