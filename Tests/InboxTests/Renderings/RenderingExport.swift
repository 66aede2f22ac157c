import Foundation
import NianbaoTestSupport
import Testing

/// Writes every sample report as a web page (UTF-8 and GBK), a Word file and a PDF into the folder named
/// in `NIANBAO_EXPORT_RENDERINGS`: the inputs of `scripts/benchmark-validation` for those containers.
/// A tool for the benchmark, not a check; skipped unless the variable is set.
@Test(
    .enabled(
        if: ProcessInfo.processInfo.environment["NIANBAO_EXPORT_RENDERINGS"] != nil,
        "set NIANBAO_EXPORT_RENDERINGS=<folder> to write the samples' renderings (scripts/benchmark-validation)"))
func exportSampleRenderings() throws {
    let folder = ProcessInfo.processInfo.environment["NIANBAO_EXPORT_RENDERINGS"]!
    let formats = ["html", "gbk.html", "docx", "pdf"]
    for format in formats {
        try FileManager.default.createDirectory(atPath: folder + "/" + format, withIntermediateDirectories: true)
    }
    for name in Fixtures.names {
        let text = String(decoding: try Fixtures.bytes(name), as: UTF8.self)
        let layout = SampleLayout.parse(text)
        let stem = String(name.dropLast(4))
        let files: [(String, [UInt8])] = [
            ("html", Array(HTMLRendering.page(layout).utf8)),
            ("gbk.html", try HTMLRendering.gbkPage(layout)),
            ("docx", DOCXRendering.package(layout)),
            ("pdf", TestPDF.report(text, cellPerLine: name.hasPrefix("004"))),
        ]
        for (format, bytes) in files {
            let path = "\(folder)/\(format)/\(stem).\(format)"
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)), "\(path)")
        }
    }
}
