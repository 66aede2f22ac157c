extension RuleCatalogue {
    /// Inputs that cannot be read as a report at all: each gets a clear note and the file is rejected.
    static let inputRules: [Rule] = [
        Rule(
            "FILE-001", .error,
            summary: .zh("文件含有二进制数据（NUL 等控制字节），不是文本报告", en: "The file holds binary data (NUL or other control bytes), not a text report"),
            hint: .zh(
                "请提交文本（.txt/.md）、网页（.html）或 Word（.docx）格式的年度报告",
                en: "Submit the report as text (.txt/.md), a web page (.html) or Word (.docx)")
        ) { context in
            guard case .binary(let offset) = context.document.inputProblem else { return [] }
            return [
                Violation(
                    zh: "第 \(offset) 字节处出现控制字符，文件不是文本", en: "A control byte at offset \(offset): the file is not text",
                    at: .document, evidence: "offset \(offset)")
            ]
        },
        Rule(
            "FILE-002", .error,
            summary: .zh(
                "文件编码无法识别（不是 UTF-8、UTF-16 或 GB18030/GBK）", en: "The text is in no supported encoding (UTF-8, UTF-16, GB18030/GBK)"),
            hint: .zh("请另存为 UTF-8 编码后重新提交", en: "Save the file as UTF-8 and submit it again")
        ) { context in
            guard case .undecodable(let offset, let encoding) = context.document.inputProblem else { return [] }
            return [
                Violation(
                    zh: "按 \(encoding.rawValue) 解码时第 \(offset) 字节无效", en: "Invalid \(encoding.rawValue) sequence at byte \(offset)",
                    at: .document, evidence: "\(encoding.rawValue) @ \(offset)")
            ]
        },
        Rule(
            "FILE-003", .error,
            summary: .zh("文件为空", en: "The file is empty"),
            hint: .zh("请提交完整的年度报告", en: "Submit the complete report")
        ) { context in
            guard case .empty = context.document.inputProblem else { return [] }
            return [Violation(zh: "文件没有内容", en: "The file has no content", at: .document)]
        },
        Rule(
            "FILE-004", .error,
            summary: .zh("不支持的文件格式", en: "Unsupported file format"),
            hint: .zh(
                "请提交 .txt、.md、.html 或 .docx 格式；PDF 请附带文字层或另存为 Word",
                en: "Submit .txt, .md, .html or .docx; a PDF needs a text layer, or save it as Word")
        ) { context in
            switch context.document.inputProblem {
            case .unsupportedContainer(let kind)?:
                return [Violation(kind.message, at: .document, evidence: kind.rawValue, hint: kind.hint)]
            case .unreadablePDF(let problem)?:
                return [Violation(problem.message, at: .document, evidence: problem.kind)]
            case .unconvertedLegacyOffice(let reason)?:
                return [
                    Violation(
                        ContainerKind.unconvertedMessage(reason: reason), at: .document,
                        evidence: "\(ContainerKind.legacyOffice.rawValue) (\(reason))", hint: ContainerKind.legacyOffice.hint)
                ]
            default:
                return []
            }
        },
        Rule(
            "FILE-005", .error,
            summary: .zh("文件超过允许的大小", en: "The file exceeds the size limit"),
            hint: .zh(
                "年度报告正文通常小于 1 MB，请去掉图片等附件后重新提交", en: "A report's text is usually under 1 MB: remove images and attachments and submit again"
            )
        ) { context in
            guard case .tooLarge(let size, let limit) = context.document.inputProblem else { return [] }
            return [
                Violation(
                    zh: "文件大小 \(size) 字节，超过上限 \(limit) 字节", en: "The file has \(size) bytes; the limit is \(limit)",
                    at: .document, evidence: "\(size) > \(limit)")
            ]
        },
        Rule(
            "FILE-006", .error,
            summary: .zh(
                "文件已损坏或不安全，无法解包（如压缩炸弹、路径穿越、校验失败、加密）",
                en: "The file is damaged or unsafe to unpack (zip bomb, path traversal, checksum failure, encryption)"),
            hint: .zh(
                "请用 Word 或 WPS 重新另存为 .docx（不加密）后提交，或提交 .html/.txt 格式",
                en: "Open the report in Word or WPS and save it again as an unencrypted .docx, or submit it as .html/.txt")
        ) { context in
            guard case .damagedContainer(let kind, let reason) = context.document.inputProblem else { return [] }
            return [
                Violation(
                    zh: "\(kind) 文件无法读取：\(reason.zh)", en: "The \(kind) file cannot be read: \(reason.en)",
                    at: .document, evidence: kind)
            ]
        },
        Rule(
            "FILE-007", .error,
            summary: .zh(
                "检查此文件时 nianbao 两次意外停止，文件未经检查即被搁置",
                en: "nianbao stopped unexpectedly twice while checking this file, so it was set aside without being checked"),
            hint: .zh(
                "请另存为其他格式（.docx、.html 或 .txt）后重新提交，或联系管理员（管理员请将此文件报告给维护者）",
                en:
                    "Save the report in another format (.docx, .html or .txt) and submit it again, or contact the administrator (who should report the file to the maintainers)"
            )
        ) { context in
            guard case .checkAbandoned(let attempts) = context.document.inputProblem else { return [] }
            return [
                Violation(
                    zh: "检查此文件时 nianbao 意外停止了 \(attempts) 次，文件未经检查即被搁置",
                    en:
                        "nianbao stopped unexpectedly \(attempts) times while checking this file, so it was set aside without being checked",
                    at: .document, evidence: "\(attempts) interrupted attempts")
            ]
        },
        Rule(
            "FILE-008", .error,
            summary: .zh(
                "提交的不是一份独立的普通文件（快捷方式/符号链接、硬链接、文件夹、管道、设备或套接字），未读取其内容",
                en: "Not a plain file of its own (a shortcut/symbolic link, hard link, folder, pipe, device or socket), so nothing was read"
            ),
            hint: .zh("请直接提交报告文件本身（一份普通文件）", en: "Submit the report file itself, as a plain file")
        ) { context in
            guard let problem = context.document.inputProblem, let wording = FileObjectWording(problem) else { return [] }
            return [Violation(wording.message, at: .document, evidence: wording.evidence, hint: wording.hint)]
        },
        Rule(
            "FILE-009", .error,
            summary: .zh("没有读取此文件的权限", en: "The file may not be read (permission denied)"),
            hint: .zh(
                "请把文件设为允许他人读取后重新提交；不清楚如何设置的，请联系管理员",
                en: "Make the file readable by others and submit it again, or ask the administrator how")
        ) { context in
            guard case .permissionDenied = context.document.inputProblem else { return [] }
            return [
                Violation(
                    zh: "文件的权限设置不允许读取，无法检查", en: "The file's permissions do not allow it to be read, so it could not be checked",
                    at: .document, evidence: "permission denied")
            ]
        },
    ]
}
