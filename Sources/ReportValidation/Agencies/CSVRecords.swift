/// RFC 4180 records from decoded text: comma-separated fields, fields in double quotes may hold commas,
/// line breaks and doubled quotes (`""`). Blank lines are skipped; each record keeps the line it starts on.
///
/// Written here rather than taken from the mirror's CSV packages (SwiftCSV, CSV.swift) because both
/// import Foundation, which the pure module may not, and neither reports a broken quote by line.
struct CSVRecords {
    struct Record: Equatable {
        var line: Int
        var fields: [String]
    }

    /// A quoting error, with the line it was found on.
    struct Problem: Error, Equatable {
        var line: Int
        var reason: LocalizedText
    }

    /// Splits `text` (line ends already `\n`) into records.
    static func parse(_ text: String) -> Result<[Record], Problem> {
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quoteLine = 1
        /// The field was quoted and its closing quote has been seen: only a comma or line end may follow.
        var closed = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endRecord() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            // A line with nothing on it is no record.
            if !(fields.count == 1 && fields[0].allSatisfy(\.isWhitespace)) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
        }

        while let scalar = pending ?? scalars.next() {
            pending = nil
            if inQuotes {
                if scalar == "\"" {
                    let next = scalars.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        inQuotes = false
                        closed = true
                        pending = next
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                fields.append(String(field))
                field = String.UnicodeScalarView()
                closed = false
            case "\n":
                endRecord()
                line += 1
                recordLine = line
                closed = false
            case "\"" where !closed && field.allSatisfy({ $0 == " " || $0 == "\t" }):
                field = String.UnicodeScalarView()
                inQuotes = true
                quoteLine = line
            case "\"":
                return .failure(
                    Problem(
                        line: line,
                        reason: .zh(
                            "字段中间出现双引号：含引号的字段须整体用双引号括起，内部引号写两遍（\"\"）",
                            en: "a double quote inside an unquoted field: quote the whole field and double the inner quotes (\"\")")))
            default:
                if closed && (scalar == " " || scalar == "\t") { continue }
                if closed {
                    return .failure(
                        Problem(
                            line: line,
                            reason: .zh("引号字段结束后还有文字，应紧跟逗号或换行", en: "text after a closing quote; a comma or line end must follow")))
                }
                field.append(scalar)
            }
        }
        if inQuotes {
            return .failure(
                Problem(line: quoteLine, reason: .zh("双引号未闭合", en: "a quoted field is never closed")))
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return .success(records)
    }
}
