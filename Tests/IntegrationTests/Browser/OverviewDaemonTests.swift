import Foundation
import NianbaoTestSupport
import Testing

/// `nianbao watch` keeps the overview page (`ROOT/index.html`) current: after the samples are filed, the
/// page a real browser renders links the findings page and the file of every report of the year it shows.
@Suite(
    .offThePool, .enabled(if: HeadlessChromium.isInstalled, "needs Debian's chromium (apt-get install chromium)"))
struct OverviewDaemonTests {
    /// The report year the page shows by default: the one before today's, in China (UTC+8).
    static var collectionYear: Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        return calendar.component(.year, from: Date()) - 1
    }

    /// Each sample with its report year moved to the collection year, under a name that needs encoding in a link.
    static func samples() throws -> [(name: String, bytes: Data)] {
        let year = String(collectionYear)
        return try ["000", "001", "002", "003", "004"].map { prefix in
            let path = try NianbaoBinary.fixture(prefix)
            var text = try String(contentsOf: NianbaoBinary.packageRoot.appendingPathComponent(path), encoding: .utf8)
            for old in ["2020", "2021", "2022"] { text = text.replacingOccurrences(of: old, with: year) }
            return ("\(prefix) 年报 #\(prefix) 100%.txt", Data(text.utf8))
        }
    }

    @Test func theDaemonLeavesAnOverviewPageLinkingEveryFiledReport() throws {
        let watch = try WatchProcess()
        try watch.startWatching()
        #expect(watch.waitForFolders(), "stderr: \(watch.stderr)")
        let samples = try Self.samples()
        for sample in samples { try watch.drop(sample.name, sample.bytes) }
        let filed = {
            Set(watch.names(in: "accepted").map { "accepted/" + $0 } + watch.names(in: "rejected").map { "rejected/" + $0 })
        }
        for sample in samples {
            #expect(
                WatchProcess.waitUntil("\(sample.name) filed", progress: { filed().count }) {
                    filed().contains("accepted/" + sample.name) || filed().contains("rejected/" + sample.name)
                }, "stderr: \(watch.stderr)")
        }
        let reports = Set(
            samples.compactMap { sample in
                ["accepted/", "rejected/"].map { $0 + sample.name }.first { filed().contains($0) }
            })
        #expect(reports.count == samples.count)

        // The page is rewritten after the batch that filed the last report: wait until it links them all.
        let index = watch.root.appendingPathComponent("index.html").path
        func linked() -> Set<String> {
            guard let page = try? String(contentsOfFile: index, encoding: .utf8) else { return [] }
            return Set(DOMTags.attributes(of: "a", in: page).compactMap { $0["href"] }.map(Self.decoded))
        }
        let expected = Set(reports.flatMap { [$0, $0 + ".findings.html"] })
        #expect(
            WatchProcess.waitUntil("index.html linking every report", progress: { linked().count }) { linked() == expected },
            "linked: \(linked().sorted()), stderr: \(watch.stderr)")

        let rendering = try HeadlessChromium.render(fileAt: index, label: "overview-daemon")
        #expect(rendering.console.isEmpty, "console: \(rendering.console)")
        let targets = Set(DOMTags.attributes(of: "a", in: rendering.dom).compactMap { $0["href"] }.map(Self.decoded))
        #expect(targets == expected)
        for target in targets {
            #expect(FileManager.default.fileExists(atPath: watch.root.appendingPathComponent(target).path), "\(target)")
        }
        var st = stat()
        #expect(stat(index, &st) == 0 && st.st_mode & 0o777 == 0o640)
        watch.send(SIGTERM)
        #expect(watch.waitForExit() == 0, "stderr: \(watch.stderr)")
    }

    /// `accepted/a%20b.txt` → `accepted/a b.txt`.
    static func decoded(_ href: String) -> String {
        href.split(separator: "/").map { $0.removingPercentEncoding ?? "?" }.joined(separator: "/")
    }
}
