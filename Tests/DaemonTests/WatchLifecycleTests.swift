import Foundation
import Glibc
import NianbaoTestSupport
import Testing

/// Every end-to-end suite of `nianbao watch`, run one test at a time: they start daemons, burst
/// thousands of files and mount file systems, and would starve each other on a 2-core CI machine.
@Suite(.serialized, .offThePool) struct NianbaoWatch {}

extension NianbaoWatch {
    /// Start, readiness, signals and the five sample reports.
    @Suite struct Lifecycle {
        /// The suites here block (usleep polling, waitpid): the `.offThePool` trait gives each test its own thread.
        @Test func synchronousTestsRunOffTheCooperativePool() {
            #expect(isOnBlockingThread)
        }

        @Test func asynchronousTestsRunOffTheCooperativePool() async {
            #expect(isOnBlockingThread)
        }

        @Test(.timeLimit(.minutes(hangGuardMinutes)))
        func sigtermStopsTheDaemonWithStatusZeroWithinFiveSeconds() throws {
            try withRoot("sigterm") { root in
                let daemon = try DaemonProcess(root: root)
                try daemon.waitUntilReady()
                let exit = daemon.stop(SIGTERM)
                #expect(exit.status == 0, "\(exit); \(daemon.stderrTail())")
                #expect(exit.seconds < DaemonProcess.stopLimit, "\(exit)")
                #expect(root.problems().isEmpty, "\(root.problems())")
            }
        }

        @Test(.timeLimit(.minutes(hangGuardMinutes)))
        func sigintStopsTheDaemonWithStatusZeroWithinFiveSeconds() throws {
            try withRoot("sigint") { root in
                let daemon = try DaemonProcess(root: root)
                try daemon.waitUntilReady()
                let exit = daemon.stop(SIGINT)
                #expect(exit.status == 0, "\(exit); \(daemon.stderrTail())")
                #expect(exit.seconds < DaemonProcess.stopLimit, "\(exit)")
            }
        }

        @Test(.timeLimit(.minutes(hangGuardMinutes)))
        func reportsWaitingInTheInboxBeforeStartAreProcessed() throws {
            try withRoot("backlog") { root in
                for folder in [root.root, root.inbox] { mkdir(folder, 0o755) }
                for index in 0..<30 {
                    try root.dropByRename(FileName(utf8: "waiting-\(index).txt"), Array("backlog \(index)\n".utf8), expect: "rejected")
                }
                let sample = try Nianbao.sample("000")
                try root.dropByRename(FileName(utf8: sample.name), sample.bytes, expect: "accepted")
                let daemon = try DaemonProcess(root: root)
                try daemon.waitUntilReady()
                #expect(root.waitUntilDrained(), "backlog not drained; \(daemon.stderrTail())")
                let problems = root.problems()
                #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
                #expect(daemon.stop().status == 0)
            }
        }

        @Test(.timeLimit(.minutes(hangGuardMinutes)))
        func losingTheInboxMakesTheDaemonExitNonZero() throws {
            try withRoot("lost-watch") { root in
                let daemon = try DaemonProcess(root: root)
                try daemon.waitUntilReady()
                try Posix.rename(root.root, FileName(utf8: "inbox"), root.root, FileName(utf8: "inbox-moved-away"))
                let exit = daemon.waitForExit()
                #expect(
                    exit.signal == nil && exit.status != nil && exit.status != 0,
                    "a daemon that lost its watch must fail loudly, got \(exit); \(daemon.stderrTail())")
                #expect(!daemon.stderr.isEmpty, "losing the watch must be logged")
            }
        }

        @Test(.timeLimit(.minutes(hangGuardMinutes)))
        func tempNamesAreNeverClaimed() throws {
            try withRoot("temp-names") { root in
                let daemon = try DaemonProcess(root: root)
                try daemon.waitUntilReady()
                let names = [
                    ".hidden.txt", "upload.part", "report.txt.tmp", "report.txt~", ".~lock.report.docx#", "~$report.docx",
                    ".report.txt.swp", "report.txt.crdownload",
                ].map { FileName(utf8: $0) }
                for name in names { try Posix.writeFile(root.inbox, name, Array("temp \(name.shown)\n".utf8)[...]) }
                try root.dropByRename(FileName(utf8: "real.txt"), Array("a real drop\n".utf8))
                #expect(root.waitUntilDrained())
                Posix.sleep(3)  // longer than the 2 s settle period: an in-place temp file would be claimed by now
                for name in names {
                    #expect(Posix.readFile(root.inbox, name) == Array("temp \(name.shown)\n".utf8), "\(name.shown) was touched")
                }
                #expect(root.problems().isEmpty, "\(root.problems())")
                #expect(daemon.stop().status == 0)
            }
        }

        @Test(.timeLimit(.minutes(hangGuardMinutes)), arguments: ["rename", "slow in-place writes"])
        func samplesEndInTheirVerdictFolderByteIdenticalWithFindings(_ method: String) throws {
            try withRoot("samples") { root in
                let daemon = try DaemonProcess(root: root)
                try daemon.waitUntilReady()
                let samples = try Nianbao.sampleVerdicts.map { (try Nianbao.sample($0.sample), $0.verdict) }
                if method == "rename" {
                    for (sample, verdict) in samples { try root.dropByRename(FileName(utf8: sample.name), sample.bytes, expect: verdict) }
                } else {
                    // All five written at once, each with two pauses and a close/reopen in the middle.
                    let failures = NSLock()
                    nonisolated(unsafe) var errors: [String] = []
                    DispatchQueue.concurrentPerform(iterations: samples.count) { index in
                        let (sample, verdict) = samples[index]
                        do { try root.dropSlowly(FileName(utf8: sample.name), sample.bytes, expect: verdict) } catch {
                            failures.withLock { errors.append("\(error)") }
                        }
                    }
                    try #require(errors.isEmpty, "\(errors)")
                }
                #expect(root.waitUntilDrained(), "not drained; \(daemon.stderrTail())")
                let problems = root.problems()
                #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))\n\(daemon.stderrTail())")
                for (sample, verdict) in samples {
                    let name = FileName(utf8: sample.name)
                    let json = root.findingsJSON(verdict, name)
                    #expect(json?["verdict"] as? String == verdict, "\(sample.name): findings JSON \(String(describing: json))")
                    #expect(
                        json.map { mentions($0, sample.name) } == true, "\(sample.name): the findings JSON must carry the original name")
                    let text = Posix.readFile(root.root + "/" + verdict, name + FileName(utf8: ".findings.txt")) ?? []
                    #expect(!text.isEmpty, "\(sample.name).findings.txt is empty or missing")
                    let verdictLines = lines(of: daemon.stderr, containing: sample.name).filter { line in
                        verdict == "accepted" ? line.contains("accepted") && !line.contains("rejected") : line.contains("rejected")
                    }
                    #expect(verdictLines.count == 1, "one verdict line on stderr for \(sample.name); \(daemon.stderrTail())")
                }
                let exit = daemon.stop()
                #expect(exit.status == 0 && exit.seconds < DaemonProcess.stopLimit, "\(exit)")
            }
        }

        /// Whether a top-level string of the findings object is `name` or a path ending in `/name`.
        func mentions(_ object: [String: Any], _ name: String) -> Bool {
            object.values.contains { value in
                guard let text = value as? String else { return false }
                return text == name || text.hasSuffix("/" + name)
            }
        }
    }
}
