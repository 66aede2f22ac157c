/// Why a zip archive (or one of its entries) could not be read safely.
public enum ZipError: Error, Sendable, Hashable {
    /// No end-of-central-directory record: not a zip archive.
    case notAnArchive
    /// The archive ends before a structure it needs; `part` says which.
    case truncated(part: LocalizedText)
    /// A structure is inconsistent (bad signature, offsets out of range, duplicate names…).
    case malformed(LocalizedText)
    /// Split over several files (disks).
    case multiVolume
    /// Uses the ZIP64 extensions, which a report never needs.
    case zip64
    case tooManyEntries(count: Int, limit: Int)
    /// An entry name that would escape the extraction folder (`..`, absolute, backslash, NUL).
    case unsafeName(String)
    case encrypted(name: String)
    case unsupportedMethod(name: String, method: Int)
    /// The entry expands (or declares it expands) past ``ZipLimits/maximumEntrySize``.
    case entryTooLarge(name: String, limit: Int)
    /// Extracting the entry would pass ``ZipLimits/maximumTotalSize``.
    case totalTooLarge(limit: Int)
    /// The entry expands past ``ZipLimits/maximumCompressionRatio``: a zip bomb.
    case compressionRatio(name: String, ratio: Int)
    /// The entry produces more bytes than its header declares: the header lies.
    case expandsBeyondDeclaredSize(name: String, declared: Int)
    /// The entry produces fewer bytes than its header declares.
    case sizeMismatch(name: String, declared: Int, actual: Int)
    case crcMismatch(name: String, expected: UInt32, actual: UInt32)
    /// The compressed data of the entry is not a valid deflate stream.
    case corruptData(name: String, InflateError)

    /// What went wrong, for the person who submitted the file.
    public var reason: LocalizedText {
        switch self {
        case .notAnArchive:
            LocalizedText(
                zh: "找不到 ZIP 目录结尾记录，不是完整的 ZIP 文件",
                en: "no end-of-central-directory record: not a complete ZIP file")
        case .truncated(let part):
            LocalizedText(
                zh: "文件不完整（\(part.zh)被截断）",
                en: "the file is truncated (\(part.en) is cut off)")
        case .malformed(let detail):
            LocalizedText(
                zh: "ZIP 结构异常：\(detail.zh)",
                en: "inconsistent ZIP structure: \(detail.en)")
        case .multiVolume:
            LocalizedText(
                zh: "不支持分卷 ZIP 文件",
                en: "multi-volume (split) ZIP files are not supported")
        case .zip64:
            LocalizedText(
                zh: "不支持 ZIP64 格式（Word 文档不需要）",
                en: "ZIP64 archives are not supported (a Word document never needs one)")
        case .tooManyEntries(let count, let limit):
            LocalizedText(
                zh: "压缩包列出 \(count) 个条目，超过上限 \(limit)",
                en: "the archive lists \(count) entries; the limit is \(limit)")
        case .unsafeName(let name):
            LocalizedText(
                zh: "条目名“\(name)”含路径穿越（..、绝对路径、反斜杠或 NUL），压缩包系恶意构造",
                en: "entry name “\(name)” attempts path traversal (.., absolute path, backslash or NUL): "
                    + "the archive is hostile")
        case .encrypted(let name):
            LocalizedText(
                zh: "条目 \(name) 已加密，无法读取",
                en: "entry \(name) is encrypted")
        case .unsupportedMethod(let name, let method):
            LocalizedText(
                zh: "条目 \(name) 使用不支持的压缩方法 \(method)（仅支持存储和 Deflate）",
                en: "entry \(name) uses compression method \(method); only stored (0) and deflate (8) are read")
        case .entryTooLarge(let name, let limit):
            LocalizedText(
                zh: "条目 \(name) 解压后超过 \(limit) 字节的上限",
                en: "entry \(name) expands past the limit of \(limit) bytes")
        case .totalTooLarge(let limit):
            LocalizedText(
                zh: "解压内容合计超过 \(limit) 字节的上限",
                en: "the extracted entries pass the total limit of \(limit) bytes")
        case .compressionRatio(let name, let ratio):
            LocalizedText(
                zh: "条目 \(name) 压缩比异常（超过 \(ratio):1，疑似压缩炸弹）",
                en: "entry \(name) has a compression ratio above \(ratio):1, which looks like a zip bomb")
        case .expandsBeyondDeclaredSize(let name, let declared):
            LocalizedText(
                zh: "条目 \(name) 解压后超过其声明的 \(declared) 字节（头部信息不实，疑似压缩炸弹）",
                en: "entry \(name) expands past the \(declared) bytes its header declares "
                    + "(the header lies: likely a zip bomb)")
        case .sizeMismatch(let name, let declared, let actual):
            LocalizedText(
                zh: "条目 \(name) 解压得到 \(actual) 字节，与声明的 \(declared) 字节不符",
                en: "entry \(name) expands to \(actual) bytes, not the \(declared) its header declares")
        case .crcMismatch(let name, let expected, let actual):
            LocalizedText(
                zh: "条目 \(name) 的 CRC-32 校验失败（应为 \(hex(expected))，实为 \(hex(actual))），文件已损坏",
                en: "entry \(name) fails its CRC-32 check (expected \(hex(expected)), got \(hex(actual))): "
                    + "the file is damaged")
        case .corruptData(let name, let error):
            LocalizedText(
                zh: "条目 \(name) 的压缩数据已损坏（\(error.description)）",
                en: "the compressed data of entry \(name) is damaged: \(error.description)")
        }
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
