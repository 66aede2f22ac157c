/// What kind of agency an entry is; the deadlines differ (条例 第四十九、五十条).
public enum AgencyKind: String, Sendable, Hashable, CaseIterable {
    case township = "乡镇/街道"
    case department = "部门"
    case government = "县级以上政府"

    /// The kind a directory cell names, accepting the usual short forms.
    init?(cell: String) {
        switch TextNormalizer.key(cell) {
        case "乡镇/街道", "乡镇", "街道", "乡", "镇", "乡镇街道", "乡镇、街道", "township": self = .township
        case "部门", "department": self = .department
        case "县级以上政府", "县级以上人民政府", "政府", "人民政府", "government": self = .government
        default: return nil
        }
    }
}

/// One agency of the office's directory (`agencies.csv`).
public struct Agency: Sendable, Hashable {
    public var name: String
    public var aliases: [String]
    public var parent: String?
    public var kind: AgencyKind?
    public var contact: String?
    public var email: String?
    public var phone: String?
    /// Columns the directory has that nianbao does not know (yet), e.g. a WeCom id: header and value.
    public var extra: [String: String]
    /// The file line the entry starts on.
    public var line: Int
}

/// Why a directory file could not be read; `line` is the file line (nil for the file as a whole).
public struct AgencyDirectoryError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int?
    public var reason: LocalizedText

    public var description: String { (line.map { "line \($0): " } ?? "") + reason.en }
    /// The Chinese wording, with the line: `第3行：…`.
    public var chinese: String { (line.map { "第\($0)行：" } ?? "") + reason.zh }
}

/// The office's list of the agencies it collects reports from, read from `agencies.csv` bytes.
///
/// Columns by header (Chinese or English, any order): 名称/name (required), 别名/aliases (separated by
/// `；`, `;` or `、`), 上级/parent, 类型/kind (乡镇/街道, 部门, 县级以上政府), 联系人/contact, 邮箱/email,
/// 电话/phone; any other column is kept as an extra value. Excel and WPS save UTF-8 with or without a
/// BOM, or GBK: all are read (GBK through the legacy decoder).
public struct AgencyDirectory: Sendable, Hashable {
    public var agencies: [Agency]
    /// The name findings give the directory, e.g. `agencies.csv`.
    public var fileName: String

    public init(agencies: [Agency], fileName: String = "agencies.csv") {
        self.agencies = agencies
        self.fileName = fileName
    }

    enum Column: Hashable {
        case name, aliases, parent, kind, contact, email, phone
        case extra(String)

        init(header: String) {
            switch TextNormalizer.key(header).lowercased() {
            case "名称", "机关名称", "单位名称", "机关", "单位", "name": self = .name
            case "别名", "简称", "别称", "aliases", "alias": self = .aliases
            case "上级", "上级机关", "上级单位", "parent": self = .parent
            case "类型", "类别", "机关类型", "kind", "type": self = .kind
            case "联系人", "contact": self = .contact
            case "邮箱", "电子邮箱", "email", "e-mail": self = .email
            case "电话", "联系电话", "phone", "tel": self = .phone
            default: self = .extra(TextNormalizer.trim(header))
            }
        }
    }

    /// Reads a directory file's bytes.
    public static func parse(
        _ bytes: [UInt8], legacy: (any LegacyTextDecoder)?, fileName: String = "agencies.csv"
    ) -> Result<AgencyDirectory, AgencyDirectoryError> {
        let text: String
        switch TextDecoding.decode(bytes, legacy: legacy) {
        case .success(let decoded): text = decoded.text
        case .failure(.empty):
            return .failure(AgencyDirectoryError(line: nil, reason: .zh("文件为空", en: "the file is empty")))
        case .failure(let problem):
            return .failure(
                AgencyDirectoryError(
                    line: nil,
                    reason: .zh(
                        "无法识别文件编码（应为 UTF-8 或 GBK）：\(problem)",
                        en: "the text is not UTF-8 or GBK: \(problem)")))
        }
        return parse(text: text, fileName: fileName)
    }

    /// Reads a directory from decoded text (line ends `\n`).
    public static func parse(text: String, fileName: String = "agencies.csv") -> Result<AgencyDirectory, AgencyDirectoryError> {
        let records: [CSVRecords.Record]
        switch CSVRecords.parse(text) {
        case .success(let found): records = found
        case .failure(let problem): return .failure(AgencyDirectoryError(line: problem.line, reason: problem.reason))
        }
        guard let header = records.first else {
            return .failure(AgencyDirectoryError(line: nil, reason: .zh("文件中没有内容", en: "the file has no rows")))
        }
        let columns = header.fields.map(Column.init(header:))
        guard let nameIndex = columns.firstIndex(of: .name) else {
            return .failure(
                AgencyDirectoryError(
                    line: header.line,
                    reason: .zh(
                        "表头缺少“名称”列（可用：名称、别名、上级、类型、联系人、邮箱、电话）",
                        en: "the header has no name column (名称/name; also 别名/aliases, 上级/parent, 类型/kind…)")))
        }
        var agencies: [Agency] = []
        var owners: [String: Int] = [:]  // exact name or alias → line of its entry
        for record in records.dropFirst() {
            guard record.fields.count <= columns.count else {
                return .failure(
                    AgencyDirectoryError(
                        line: record.line,
                        reason: .zh(
                            "有\(record.fields.count)个字段，表头只有\(columns.count)列（含逗号的内容须用双引号括起）",
                            en: "\(record.fields.count) fields but the header has \(columns.count) columns "
                                + "(quote values that contain commas)")))
            }
            func value(_ column: Column) -> String? {
                guard let index = columns.firstIndex(of: column), index < record.fields.count else { return nil }
                let text = TextNormalizer.trim(record.fields[index])
                return text.isEmpty ? nil : text
            }
            guard let name = nameIndex < record.fields.count ? value(.name) : nil else {
                return .failure(AgencyDirectoryError(line: record.line, reason: .zh("名称为空", en: "the name is empty")))
            }
            var kind: AgencyKind? = nil
            if let cell = value(.kind) {
                guard let known = AgencyKind(cell: cell) else {
                    return .failure(
                        AgencyDirectoryError(
                            line: record.line,
                            reason: .zh(
                                "类型“\(cell)”无法识别（应为：乡镇/街道、部门、县级以上政府）",
                                en: "kind “\(cell)” is not one of 乡镇/街道, 部门, 县级以上政府")))
                }
                kind = known
            }
            let aliases = (value(.aliases) ?? "").split(whereSeparator: { "；;、".contains($0) })
                .map { TextNormalizer.trim($0) }.filter { !$0.isEmpty }
            for label in [name] + aliases {
                if let other = owners[label] {
                    return .failure(
                        AgencyDirectoryError(
                            line: record.line,
                            reason: .zh(
                                "“\(label)”已在第\(other)行出现，名称和别名须唯一",
                                en: "“\(label)” already appears on line \(other); names and aliases must be unique")))
                }
                owners[label] = record.line
            }
            var extra: [String: String] = [:]
            for (index, column) in columns.enumerated() {
                guard case .extra(let header) = column, index < record.fields.count else { continue }
                let text = TextNormalizer.trim(record.fields[index])
                if !text.isEmpty { extra[header] = text }
            }
            agencies.append(
                Agency(
                    name: name, aliases: aliases, parent: value(.parent), kind: kind, contact: value(.contact),
                    email: value(.email), phone: value(.phone), extra: extra, line: record.line))
        }
        return .success(AgencyDirectory(agencies: agencies, fileName: fileName))
    }
}
