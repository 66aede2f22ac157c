import Foundation
import Glibc
import NianbaoTestSupport
import Register
import ReportValidation
import Testing

/// The overview page (`nianbao overview`) of a register filled through the store API, rendered by headless
/// Chromium where it lies in the root: rows, states and links are read back from the rendered DOM.
/// (Here rather than in IntegrationTests, which import no module of the package: filling a register does.)
@Suite(.offThePool, .enabled(if: HeadlessChromium.isInstalled, "needs Debian's chromium (apt-get install chromium)"))
struct OverviewPageBrowserTests {
    static let markupAgency = "<img src=x onerror=alert(1)><b class=\"injected\">某&amp;局</b>"

    static func record(_ agency: String, _ verdict: Verdict, filed: String, file: String, matched: Bool = true) -> RegisterRecord {
        var record = OfficeCommandTests.record(agency, verdict, filed: filed, requests: 2)
        record.finalName = Array(file.utf8)
        record.sha256 = file
        if !matched { record.agencyMatched = nil }
        return record
    }

    /// 王村镇 rejected then accepted (resubmitted), 发改局 accepted, 教育局 rejected, 县政府 missing, one
    /// unknown agency whose name is markup; each filed report and findings page exists in the root.
    static func root() async throws -> (root: String, files: [String]) {
        let root = try TemporaryRoot.makePath("overview-browser")
        let records = [
            record("王村镇人民政府", .rejected, filed: "2027-01-05", file: "王村镇 2026 #1 100%.txt"),
            record("王村镇人民政府", .accepted, filed: "2027-01-12", file: "王村镇 2026 #2 100%.txt"),
            record("某某县发展和改革局", .accepted, filed: "2027-01-08", file: "发改局年报.txt"),
            record("某某县教育局", .rejected, filed: "2027-01-09", file: "教育局'年报\".txt"),
            record(markupAgency, .rejected, filed: "2027-01-10", file: "<b>x<i>y.txt", matched: false),
        ]
        try FileManager.default.createDirectory(atPath: root + "/.register", withIntermediateDirectories: false)
        let store = try await SQLiteRegisterStore.open(path: root + "/.register/register.sqlite3")
        _ = try await store.record(records)
        try await store.close()
        var files: [String] = []
        for folder in ["accepted", "rejected"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: false)
        }
        for record in records {
            let path = root + "/" + record.folder + "/" + String(decoding: record.finalName, as: UTF8.self)
            for suffix in ["", ".findings.html"] {
                try Data("x".utf8).write(to: URL(fileURLWithPath: path + suffix))
                files.append(record.folder + "/" + String(decoding: record.finalName, as: UTF8.self) + suffix)
            }
        }
        try "名称,类型\n王村镇人民政府,乡镇\n某某县发展和改革局,部门\n某某县人民政府,县级以上政府\n某某县教育局,部门\n"
            .write(toFile: root + "/agencies.csv", atomically: true, encoding: .utf8)
        try "[Inbox]\nRoot=\(root)\n[Register]\nAgencies=\(root)/agencies.csv\n"
            .write(toFile: root + "/nianbao.conf", atomically: true, encoding: .utf8)
        return (root, files)
    }

    @Test func thePageOfAFilledRegisterRendersWithEveryAgencyAndWorkingLinks() async throws {
        let (root, files) = try await Self.root()
        defer { TemporaryRoot.remove(root) }
        let outcome = try await OfficeCommandTests.nianbao([
            "overview", "--config", root + "/nianbao.conf", "--year", "2026", "--today", "2027-01-20",
        ])
        #expect(outcome.status == 0, "\(outcome)")
        var st = stat()
        #expect(stat(root + "/index.html", &st) == 0 && st.st_mode & 0o777 == 0o640)

        let rendering = try HeadlessChromium.render(fileAt: root + "/index.html", label: "overview")
        #expect(rendering.console.isEmpty, "console: \(rendering.console)")
        let rows = DOMTags.attributes(of: "tr", in: rendering.dom)
        let states = rows.filter { $0["data-state"] != nil }.map {
            [$0["data-agency"] ?? "", $0["data-state"] ?? "", $0["data-days-left"] ?? ""]
        }
        #expect(
            states == [
                ["王村镇人民政府", "accepted", "11"], ["某某县发展和改革局", "accepted", "11"], ["某某县人民政府", "missing", "70"],
                ["某某县教育局", "rejected", "11"], [Self.markupAgency, "rejected", "11"],
            ])
        let reports = rows.filter { $0["data-version"] != nil }
        #expect(reports.count == 5)
        #expect(reports.filter { $0["data-current"] == "true" }.count == 4, "one current version per agency that sent one")

        // Every link resolves, relative to the page, to a file in the root; every filed report has its links.
        let links = DOMTags.attributes(of: "a", in: rendering.dom).compactMap { $0["href"] }
        let targets = links.map { href in href.split(separator: "/").map { $0.removingPercentEncoding ?? "?" }.joined(separator: "/") }
        #expect(links.allSatisfy { !$0.hasPrefix("/") && !$0.contains(":") }, "\(links)")
        for target in targets { #expect(FileManager.default.fileExists(atPath: root + "/" + target), "\(target)") }
        #expect(Set(targets) == Set(files))
        #expect(links.contains("accepted/%E7%8E%8B%E6%9D%91%E9%95%87%202026%20%232%20100%25.txt.findings.html"))

        // The markup in the agency's and the file's names stayed text.
        #expect(DOMTags.attributes(of: "img", in: rendering.dom).isEmpty)
        #expect(DOMTags.attributes(of: "b", in: rendering.dom).isEmpty && DOMTags.attributes(of: "i", in: rendering.dom).isEmpty)
    }

    @Test func theOutputGoesWhereAskedAndStandardOutputGetsThePage() async throws {
        let (root, _) = try await Self.root()
        defer { TemporaryRoot.remove(root) }
        let file = root + "/elsewhere.html"
        let written = try await OfficeCommandTests.nianbao([
            "overview", "--register", root + "/.register/register.sqlite3", "--year", "2026", "--output", file,
        ])
        #expect(written.status == 0, "\(written)")
        #expect(FileManager.default.fileExists(atPath: file) && !FileManager.default.fileExists(atPath: root + "/index.html"))
        let printed = try await OfficeCommandTests.nianbao([
            "overview", "--register", root + "/.register/register.sqlite3", "--year", "2026", "--output", "-",
        ])
        #expect(printed.status == 0 && printed.stdout.hasPrefix("<!DOCTYPE html>"), "\(printed)")
        let missing = try await OfficeCommandTests.nianbao(["overview", "--register", root + "/none.sqlite3", "--output", "-"])
        #expect(missing.status == 2, "\(missing)")
    }
}
