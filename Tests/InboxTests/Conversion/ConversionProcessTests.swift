import Foundation
import Glibc
import NianbaoTestSupport
import ReportValidation
import Testing

@testable import Inbox

/// The child-process handling behind the PDF extractor, with shell scripts standing in for
/// `pdftotext`: caps, time limits, early exits, what the child inherits, and no zombies.
@Suite("PDF conversion process")
struct ConversionProcessTests {
    /// A folder holding one executable script, and the files it writes.
    struct Script {
        let folder: TemporaryDirectory
        let path: String

        /// `#!/bin/sh` and `body`; `$DIR` in `body` stands for the folder (the child gets no environment to find it).
        init(_ body: String) throws {
            folder = try TemporaryDirectory()
            path = try folder.write("pdftotext", Array(("#!/bin/sh\n" + body.replacingOccurrences(of: "$DIR", with: folder.path)).utf8))
            try #require(chmod(path, 0o755) == 0)
        }

        func extractor(timeLimit: Duration = .seconds(20), outputLimit: Int = 1 << 20) -> PopplerPDFExtractor {
            PopplerPDFExtractor(toolPath: path, timeLimit: timeLimit, outputLimit: outputLimit)
        }

        /// The process id the script wrote to `name`.
        func pid(_ name: String) throws -> pid_t {
            let text = try String(contentsOfFile: folder.path(name), encoding: .utf8)
            return try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
    }

    /// How long the stand-ins that must be killed would live by themselves (`sleep 600`): a call that returns
    /// sooner killed them; it is the child's own time, not a budget for the machine.
    static let childLifetime = Duration.seconds(600)

    /// True when `pid` was our child and has been reaped: no zombie is left behind.
    static func isReaped(_ pid: pid_t) -> Bool {
        var status: CInt = 0
        return waitpid(pid, &status, WNOHANG) == -1 && errno == ECHILD
    }

    /// True when `pid` no longer runs: gone, or a zombie waiting for init (not our child).
    static func isDead(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        return stat.split(separator: ")").last?.split(separator: " ").first == "Z"
    }

    @Test("a child that writes without end is killed at the output cap and reaped")
    func outputCap() throws {
        let script = try Script("echo $$ > $DIR/pid\nexec /usr/bin/yes nianbao")
        // `yes` never ends by itself: that the call returns at all shows the child was killed at the cap.
        let extraction = script.extractor(outputLimit: 1 << 20).text(ofPDF: Array("%PDF-1.4\n".utf8))
        #expect(extraction == .failed(reason: "pdftotext wrote more than 1 MiB of text"))
        #expect(Self.isReaped(try script.pid("pid")))
    }

    @Test("a child that never exits is killed at the time limit, with what it started")
    func timeLimit() throws {
        let script = try Script("echo $$ > $DIR/pid\n/bin/sleep 600 &\necho $! > $DIR/grandchild\nwait")
        let started = ContinuousClock.now
        let extraction = script.extractor(timeLimit: .milliseconds(300)).text(ofPDF: Array("%PDF-1.4\n".utf8))
        #expect(extraction == .failed(reason: "pdftotext took longer than 300 ms"))
        // Killed at the limit: back before the child could have ended by itself (its own 600 s, not a budget).
        #expect(ContinuousClock.now - started < Self.childLifetime)
        #expect(Self.isReaped(try script.pid("pid")))
        // SIGKILL to the group returns before the grandchild is gone: wait for its death, not for a moment.
        let grandchild = try script.pid("grandchild")
        #expect(waitForProgressBlocking("the grandchild \(grandchild) dead", progress: { 0 }) { Self.isDead(grandchild) }.met)
    }

    @Test("a child that closes its output but lingers is still killed at the time limit")
    func lingeringChild() throws {
        let script = try Script("echo $$ > $DIR/pid\nexec >&- 2>&-\nexec /bin/sleep 600")
        let started = ContinuousClock.now
        let extraction = script.extractor(timeLimit: .milliseconds(300)).text(ofPDF: Array("%PDF-1.4\n".utf8))
        #expect(extraction == .failed(reason: "pdftotext took longer than 300 ms"))
        #expect(ContinuousClock.now - started < Self.childLifetime)
        #expect(Self.isReaped(try script.pid("pid")))
    }

    @Test("a child that exits without reading its input costs an EPIPE, not the process")
    func earlyExit() throws {
        let script = try Script("echo converted")
        let input = Array("%PDF-1.4\n".utf8) + [UInt8](repeating: 0x20, count: 8 << 20)
        #expect(script.extractor().text(ofPDF: input) == .text(Array("converted\n".utf8)))
        var pending = sigset_t()
        sigpending(&pending)
        #expect(sigismember(&pending, SIGPIPE) == 0, "the SIGPIPE of the failed write was discarded")
    }

    @Test("the child gets the PDF on stdin, the fixed arguments, LANG only and no inherited descriptor")
    func childEnvironment() throws {
        // A descriptor without O_CLOEXEC, well above what the shell uses for itself.
        let devNull = open("/dev/null", O_RDONLY)
        try #require(devNull >= 0)
        let leaky = fcntl(devNull, F_DUPFD, 200)
        close(devNull)
        defer { close(leaky) }
        try #require(leaky >= 200)
        let script = try Script(
            """
            echo "args: $*"
            /usr/bin/env
            if [ -e /proc/$$/fd/\(leaky) ]; then echo "fd leaked"; else echo "fd closed"; fi
            /bin/cat
            """)
        let extraction = script.extractor().text(ofPDF: Array("%PDF-1.4 on stdin".utf8))
        let lines = String(decoding: try #require(Self.text(extraction)), as: UTF8.self).split(separator: "\n")
        #expect(lines.first == "args: -layout -enc UTF-8 - -")
        #expect(lines.contains("LANG=C.UTF-8"))
        #expect(!lines.contains { $0.hasPrefix("PATH=") || $0.hasPrefix("HOME=") })
        #expect(lines.contains("fd closed"))
        #expect(lines.last == "%PDF-1.4 on stdin")
    }

    @Test("a failing child's exit status and first error line make the reason")
    func failingChild() throws {
        let script = try Script(
            """
            /bin/cat > /dev/null
            echo 'Syntax Warning: odd' >&2
            echo "Syntax Error: Couldn't read xref table" >&2
            exit 1
            """)
        let extraction = script.extractor().text(ofPDF: Array("%PDF-1.4\n".utf8))
        #expect(extraction == .failed(reason: "pdftotext could not open it: Syntax Error: Couldn't read xref table"))
    }

    @Test("a crash is reported with its signal")
    func crashingChild() throws {
        let script = try Script("kill -SEGV $$")
        #expect(script.extractor().text(ofPDF: Array("%PDF-1.4\n".utf8)) == .failed(reason: "pdftotext was ended by signal 11"))
    }

    @Test("poll timeouts round up to whole milliseconds")
    func milliseconds() {
        #expect(PipedProcess.milliseconds(.seconds(30)) == 30_000)
        #expect(PipedProcess.milliseconds(.microseconds(1)) == 1)
        #expect(PipedProcess.milliseconds(.milliseconds(1500)) == 1500)
        #expect(PipedProcess.milliseconds(.seconds(1) * 10_000_000) == CInt.max)
    }

    static func text(_ extraction: PDFExtraction) -> [UInt8]? {
        guard case .text(let bytes) = extraction else { return nil }
        return bytes
    }
}
