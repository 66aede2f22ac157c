import Foundation
import Testing

@testable import ReportValidation

/// Prints what the reader made of a file named in NIANBAO_DUMP (a debugging aid; does nothing otherwise).
@Test(.enabled(if: ProcessInfo.processInfo.environment["NIANBAO_DUMP"] != nil))
func dumpFileNamedInEnvironment() throws {
    let path = ProcessInfo.processInfo.environment["NIANBAO_DUMP"]!
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let text = String(decoding: data, as: UTF8.self)
    let document = ReportReader.read(text, format: SourceFormat.sniff(text, fileName: path))
    print(dump(document))
    let result = Validator().validate(document, currentYear: 2026)
    print("VERDICT \(result.verdict)")
    for f in result.findings {
        print("  \(f.severity) \(f.code) L\(f.location.line.map(String.init) ?? "-") \(f.message.zh) | \(f.evidence ?? "")")
    }
}
