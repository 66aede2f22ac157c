import Foundation
import NianbaoTestSupport
import Testing

/// `nianbao check` on Word 97 files (the `.doc` fixtures LibreOffice made from the samples' Word
/// renderings), through the real executable and the real LibreOffice. Serialized: one office suite at a time.
@Suite(.offThePool, .serialized) struct CheckWordNinetySevenTests {
    /// True when LibreOffice's launcher is where nianbao looks for it.
    static let hasLibreOffice = FileManager.default.isExecutableFile(atPath: "/usr/lib/libreoffice/program/soffice.bin")

    /// The `.doc` fixture of sample `prefix`, relative to the package root.
    static func doc(_ prefix: String) throws -> String {
        let folder = NianbaoBinary.fixtures.appendingPathComponent("DOC").path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        let name = try #require(names.first { $0.hasPrefix(prefix + "_") && $0.hasSuffix(".doc") }, "no .doc fixture \(prefix)")
        return "Tests/ReportValidationTests/Fixtures/DOC/" + name
    }

    @Test(
        "a .doc sample is converted by LibreOffice and gets its sample's verdict",
        .disabled(if: !hasLibreOffice, "LibreOffice is not installed (apt-get install --no-install-recommends libreoffice-writer-nogui)"),
        arguments: [("000", "accepted", Int32(0)), ("001", "rejected", Int32(1))])
    func docIsConverted(prefix: String, verdict: String, status: Int32) throws {
        let path = try Self.doc(prefix)
        let run = try NianbaoBinary.run(["check", "--format", "json", path])
        let object = try #require(try run.json() as? [String: Any], "stdout: \(run.stdout)\nstderr: \(run.stderr)")
        #expect(object["convertedBy"] as? String == "LibreOffice (doc→docx)", "\(object)")
        #expect(object["verdict"] as? String == verdict, "\(object["findings"] ?? "")")
        #expect(object["layout"] as? String == "docx")
        #expect(run.status == status, "stderr: \(run.stderr)")
        let codes = (object["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(!codes.contains { $0.hasPrefix("FILE-") }, "\(codes)")
    }

    @Test(
        "the text note of a converted .doc says how it was converted",
        .disabled(if: !hasLibreOffice, "LibreOffice is not installed (apt-get install --no-install-recommends libreoffice-writer-nogui)"))
    func textNoteSaysConverted() throws {
        let run = try NianbaoBinary.run(["check", try Self.doc("004")])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.hasPrefix("结论：通过（"), "\(run.stdout)")
        #expect(run.stdout.contains("\n转换：LibreOffice (doc→docx)\n"), "\(run.stdout)")
    }
}
