/// Turns a Word 97–2003 (`.doc`) or WPS (`.wps`) file into a Word `.docx`; supplied by the platform
/// layer (LibreOffice headless).
///
/// The pure module cannot run programs, so ``ReportCheck`` asks this service for a `.docx` and reads
/// that with ``DocxReader`` like any Word file.
public protocol LegacyWordConverter: Sendable {
    /// The converter's name, e.g. `LibreOffice`: findings say `LibreOffice (doc→docx)`.
    var name: String { get }
    /// The `.docx` made from `bytes` (a whole OLE2 compound file); `format` is `doc` or `wps`.
    func docx(of bytes: [UInt8], format: LegacyWordFormat) -> LegacyWordConversion
}

/// What a ``LegacyWordConverter`` made of one file.
public enum LegacyWordConversion: Sendable, Hashable {
    /// The `.docx` package's bytes.
    case docx([UInt8])
    /// No converter is installed on this machine.
    case toolMissing
    /// The converter refused or did not finish; `reason` (English) says why.
    case failed(reason: String)
}

/// The two word-processor formats stored in an OLE2 compound file that nianbao converts.
public enum LegacyWordFormat: String, Sendable, Hashable, CaseIterable {
    /// Word 97–2003.
    case doc
    /// WPS Office (Kingsoft) writer, a variant of the Word 97 format.
    case wps

    /// The compound-file magic every `.doc`, `.wps` and `.xls` starts with (D0 CF 11 E0 A1 B1 1A E1).
    public static let compoundFileMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// True when `bytes` start like an OLE2 compound file: decided by content, never by the name.
    public static func isCompoundFile(_ bytes: [UInt8]) -> Bool { bytes.starts(with: compoundFileMagic) }

    /// Which of the two a compound file is taken for: `wps` when its name ends in `.wps` (any case),
    /// else `doc` (the formats are the same to the converter; the name only labels the conversion).
    public init(fileName: String?) {
        self = fileName?.lowercased().hasSuffix(".wps") == true ? .wps : .doc
    }
}
