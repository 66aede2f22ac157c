/// Turns a PDF's text layer into text; supplied by the platform layer (poppler's `pdftotext`).
///
/// The pure module cannot run programs, so ``ReportCheck`` asks this service for a PDF's text and
/// reads it like any text report.
public protocol PDFTextExtractor: Sendable {
    /// How the text is made, e.g. `pdftotext -layout`: findings say a report was converted.
    var conversion: String { get }
    /// The text of `bytes` (a whole PDF file), or why there is none.
    func text(ofPDF bytes: [UInt8]) -> PDFExtraction
}

/// What a ``PDFTextExtractor`` made of one PDF.
public enum PDFExtraction: Sendable, Hashable {
    /// The UTF-8 text of the pages (not blank).
    case text([UInt8])
    /// No converter is installed on this machine.
    case toolMissing
    /// The conversion succeeded but gave no text: the pages are images (a scan).
    case noTextLayer
    /// The converter refused or did not finish; `reason` says why (damaged, encrypted, too slow…).
    case failed(reason: String)
}

/// Why a PDF was not read: the FILE-004 finding says this, and what to submit instead.
public enum PDFProblem: Sendable, Hashable {
    /// No converter: the machine lacks `pdftotext` (or the caller gave no extractor).
    case noConverter
    /// The PDF has no text layer (a scanned image).
    case noTextLayer
    /// The converter failed; `reason` is its explanation.
    case conversionFailed(reason: String)

    /// The kind of file, in the style of ``ContainerSniffer``'s kinds: the finding's evidence.
    public var kind: String {
        switch self {
        case .noConverter: "PDF"
        case .noTextLayer: "PDF without a text layer (scanned image)"
        case .conversionFailed(let reason): "PDF (\(reason))"
        }
    }

    /// The finding's message: what went wrong and what to submit instead.
    public var message: LocalizedText {
        let instead = LocalizedText(zh: "Word（.docx）、网页（.html）或文本（.txt）格式", en: "Word (.docx), a web page (.html) or text (.txt)")
        switch self {
        case .noConverter:
            return LocalizedText(
                zh: "本服务器无法读取 PDF：未安装 PDF 文字提取工具。请改交\(instead.zh)；管理员安装 poppler-utils 后即可读取带文字层的 PDF",
                en: "This server cannot read PDFs: no PDF text extractor is installed. Submit \(instead.en) instead; "
                    + "the administrator can install poppler-utils to read PDFs with a text layer")
        case .noTextLayer:
            return LocalizedText(
                zh: "PDF 没有文字层（扫描图像），无法读取文字。请提交由原文档直接导出的 PDF，或改交\(instead.zh)",
                en: "The PDF has no text layer (a scanned image), so its text cannot be read. Submit a PDF exported "
                    + "from the original document, or \(instead.en)")
        case .conversionFailed(let reason):
            return LocalizedText(
                // The converter's reason is English: it stays in the English text and the evidence.
                zh: "PDF 无法转换为文本（见“依据”）。请检查文件是否损坏或加密，或改交\(instead.zh)",
                en: "The PDF could not be converted to text (\(reason)). Check that it is neither damaged nor "
                    + "encrypted, or submit \(instead.en)")
        }
    }
}

extension PDFExtraction {
    /// True when `bytes` start like a PDF file (the same test ``ContainerSniffer`` uses).
    public static func isPDF(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: Array("%PDF-".utf8))
    }
}
