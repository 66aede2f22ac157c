/// What FILE-008 says about an object that is not a plain file of its own: the message, its advice,
/// and the evidence (the kind, in English, for programs and administrators).
struct FileObjectWording {
    var message: LocalizedText
    var hint: LocalizedText
    var evidence: String

    /// The wording for `problem`, or nil when it is no FILE-008 case.
    init?(_ problem: InputProblem) {
        switch problem {
        case .symbolicLink:
            message = .zh(
                "这是一个快捷方式（符号链接），不是报告文件本身；为安全起见，不读取它指向的内容",
                en: "This is a shortcut (a symbolic link), not the report file itself; for safety, what it points to is not read")
            hint = .zh(
                "请直接提交报告文件本身，不要提交快捷方式或符号链接",
                en: "Submit the report file itself, not a shortcut or symbolic link")
            evidence = "symbolic link"
        case .directory:
            message = .zh("这是一个文件夹，不是报告文件", en: "This is a folder, not a report file")
            hint = .zh(
                "请把每份报告作为单独的文件提交，不要提交文件夹",
                en: "Submit each report as a file of its own, not a folder")
            evidence = "directory"
        case .specialFile(let kind):
            message = .zh(
                "这是一个\(kind.zhName)，不是普通文件，没有可读取的报告内容", en: "This is \(kind.enName), not a plain file: there is no report to read")
            hint = .zh(
                "请提交保存在磁盘上的报告文件（.txt、.md、.html、.docx 或 PDF）",
                en: "Submit the report as a file saved on disk (.txt, .md, .html, .docx or PDF)")
            evidence = kind.rawValue
        case .hardLink(let names):
            message = .zh(
                "此文件共有 \(names) 个名称（硬链接），通过其他名称仍能修改其内容，因此未读取",
                en: "This file has \(names) names (hard links): it could still be changed through another name, so it was not read")
            hint = .zh(
                "请复制出一份独立的文件再提交，不要使用硬链接",
                en: "Submit a copy of the file of its own, not a hard link")
            evidence = "hard link (\(names) names for one file)"
        default:
            return nil
        }
    }
}

extension SpecialFileKind {
    var zhName: String {
        switch self {
        case .fifo: "命名管道"
        case .characterDevice: "字符设备"
        case .blockDevice: "块设备"
        case .socket: "套接字"
        case .unknown: "未知类型的文件系统对象"
        }
    }

    var enName: String {
        switch self {
        case .fifo: "a named pipe (FIFO)"
        case .characterDevice: "a character device"
        case .blockDevice: "a block device"
        case .socket: "a socket"
        case .unknown: "a file system object of unknown type"
        }
    }
}

extension ContainerKind {
    /// FILE-004's message: what the file is, and that it cannot be read.
    var message: LocalizedText {
        switch self {
        case .legacyOffice:
            .zh(
                "这是旧版 Word（.doc）、WPS 或 Excel（.xls）文件，无法读取", en: "This is an old Word (.doc), WPS or Excel (.xls) file, which cannot be read"
            )
        case .excelWorkbook:
            .zh("这是 Excel 工作簿（.xlsx），不是报告文档", en: "This is an Excel workbook (.xlsx), not a report document")
        case .powerPointPresentation:
            .zh("这是 PowerPoint 演示文稿（.pptx），不是报告文档", en: "This is a PowerPoint presentation (.pptx), not a report document")
        case .openDocumentText:
            .zh("这是 OpenDocument 文本（.odt），无法读取", en: "This is an OpenDocument text (.odt), which cannot be read")
        case .openDocumentSpreadsheet:
            .zh("这是 OpenDocument 电子表格（.ods），不是报告文档", en: "This is an OpenDocument spreadsheet (.ods), not a report document")
        case .openDocumentPresentation:
            .zh("这是 OpenDocument 演示文稿（.odp），不是报告文档", en: "This is an OpenDocument presentation (.odp), not a report document")
        case .zipArchive:
            .zh("这是 ZIP 压缩包，其中没有 Word 文档正文", en: "This is a ZIP archive with no Word document body in it")
        case .pdf:
            .zh("这是 PDF 文件，不能按文本读取", en: "This is a PDF file, which cannot be read as text")
        case .pngImage, .jpegImage, .gifImage:
            .zh("这是 \(imageFormat) 图片，不是文字报告", en: "This is a \(imageFormat) image, not a text report")
        case .rtf:
            .zh("这是 RTF 文件，无法读取", en: "This is an RTF file, which cannot be read")
        case .misnamedWordFile:
            .zh("文件名以 .docx 结尾，但内容不是 Word 文档", en: "The name ends in .docx, but the file is not a Word document")
        }
    }

    /// FILE-004's message for an OLE2 file the installed converter could not turn into a `.docx`.
    static func unconvertedMessage(reason: String) -> LocalizedText {
        // The converter's reason is English: it stays in the English text and the evidence.
        .zh(
            "这是旧版 Word（.doc）或 WPS 文件，但无法转换为 .docx（见“依据”）：文件可能已损坏或加密，或不是文字文档（例如 Excel 表格）",
            en: "This old Word (.doc) or WPS file could not be converted to .docx (\(reason)): it may be damaged or "
                + "encrypted, or not a text document (an Excel workbook, say)")
    }

    /// The advice that fits this kind; nil keeps FILE-004's general hint.
    var hint: LocalizedText? {
        switch self {
        case .legacyOffice, .openDocumentText, .rtf:
            .zh("请用 Word 或 WPS 打开，另存为 .docx 后重新提交", en: "Open it in Word or WPS, save it as .docx and submit it again")
        case .excelWorkbook, .powerPointPresentation, .openDocumentSpreadsheet, .openDocumentPresentation:
            .zh(
                "请提交年度报告全文（.docx、.html 或 .txt），表格放在报告正文中",
                en: "Submit the whole report (.docx, .html or .txt), with its tables inside the text")
        case .zipArchive:
            .zh("请解压后单独提交报告文件（.docx、.html、.txt 或 PDF）", en: "Unpack it and submit the report file itself (.docx, .html, .txt or PDF)")
        case .pngImage, .jpegImage, .gifImage:
            .zh(
                "请提交文字版的年度报告（.docx、.html 或 .txt），不要提交截图或扫描图片",
                en: "Submit the report as text (.docx, .html or .txt), not a screenshot or scan")
        case .misnamedWordFile:
            .zh(
                "请用 Word 或 WPS 另存为 .docx 后重新提交；如果它本是文本文件，请把扩展名改为 .txt",
                en: "Save it as .docx from Word or WPS and submit it again; if it is a text file, rename it to .txt")
        case .pdf:
            nil
        }
    }

    private var imageFormat: String {
        switch self {
        case .jpegImage: "JPEG"
        case .gifImage: "GIF"
        default: "PNG"
        }
    }
}
