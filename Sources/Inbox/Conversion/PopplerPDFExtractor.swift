import Glibc
import ReportValidation

/// Extracts a PDF's text layer with poppler's `pdftotext -layout`, whose column layout the report
/// reader already knows.
///
/// The tool is looked for only at fixed absolute paths, never through the daemon's `PATH`. It reads
/// the PDF on standard input and writes UTF-8 text on standard output, with `LANG=C.UTF-8` as its
/// whole environment, under a time limit and an output cap. Without the tool every PDF is
/// ``PDFExtraction/toolMissing``, which the finding turns into a note on what to submit instead.
package struct PopplerPDFExtractor: PDFTextExtractor {
    /// Where `pdftotext` may be, in order (poppler-utils installs it in `/usr/bin`).
    package static let searchPaths = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"]
    /// Longest a conversion may take; real reports take well under a second.
    package static let defaultTimeLimit: Duration = .seconds(30)
    /// Most text accepted from one PDF (a report's text is far below this).
    package static let defaultOutputLimit = 16 << 20

    /// The `pdftotext` used, or nil when none was found.
    package let toolPath: String?
    let timeLimit: Duration
    let outputLimit: Int

    package var conversion: String { "pdftotext -layout" }

    /// Uses the first executable `pdftotext` of ``searchPaths``, if any.
    package init() {
        self.init(toolPath: Self.locate(), timeLimit: Self.defaultTimeLimit, outputLimit: Self.defaultOutputLimit)
    }

    /// Runs `toolPath` (which tests point at a script) with these limits.
    init(toolPath: String?, timeLimit: Duration, outputLimit: Int) {
        self.toolPath = toolPath
        self.timeLimit = timeLimit
        self.outputLimit = outputLimit
    }

    /// The first of ``searchPaths`` this process may execute.
    package static func locate() -> String? {
        ChildSpawn.firstExecutable(of: searchPaths)
    }

    /// One line for the daemon's start-up log: which tool converts PDFs, or that none does.
    package var availability: String {
        guard let toolPath else {
            return "pdftotext not found (looked for \(Self.searchPaths.joined(separator: ", "))): "
                + "PDFs are rejected with a note; install poppler-utils to read them"
        }
        return "PDF conversion: \(toolPath) -layout"
    }

    package func text(ofPDF bytes: [UInt8]) -> PDFExtraction {
        guard let toolPath else { return .toolMissing }
        let process = PipedProcess(
            executable: toolPath, arguments: ["-layout", "-enc", "UTF-8", "-", "-"], environment: ["LANG=C.UTF-8"],
            timeLimit: timeLimit, outputLimit: outputLimit)
        let outcome: PipedProcess.Outcome
        do {
            outcome = try process.run(input: bytes)
        } catch  where error.call == "posix_spawn" && error.errno == .noSuchFileOrDirectory {
            // Uninstalled since start-up.
            return .toolMissing
        } catch {
            return .failed(reason: "pdftotext could not be run: \(error)")
        }
        switch outcome {
        case .exited(0, let output, _):
            return output.allSatisfy(Self.isBlank) ? .noTextLayer : .text(output)
        case .exited(let status, _, let error):
            return .failed(reason: Self.reason(status: status, error: error))
        case .signalled(let signal, _):
            return .failed(reason: "pdftotext was ended by signal \(signal)")
        case .timedOut:
            return .failed(reason: "pdftotext took longer than \(Self.shown(timeLimit))")
        case .outputTooLarge:
            return .failed(reason: "pdftotext wrote more than \(outputLimit >> 20) MiB of text")
        }
    }

    /// Space, tab, line ends, form feed (pdftotext ends each page with one) and vertical tab.
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// What pdftotext's exit status means, with its own first error line.
    ///
    /// Its manual: 1 = error opening the PDF (damaged, not a PDF, wrong password), 3 = error related
    /// to PDF permissions (copying text not allowed), 99 = other error.
    static func reason(status: CInt, error: [UInt8]) -> String {
        let summary =
            switch status {
            case 1: "pdftotext could not open it"
            case 3: "its permissions forbid copying the text"
            default: "pdftotext failed with exit status \(status)"
            }
        let lines = String(decoding: error, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingPrefix(while: \.isWhitespace) }.filter { !$0.isEmpty }
        guard let first = lines.first(where: { $0.contains("Error") }) ?? lines.first else { return summary }
        return "\(summary): \(first.prefix(200))"
    }

    /// `30 s`, or `250 ms` for limits under a second.
    static func shown(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return attoseconds == 0 ? "\(seconds) s" : "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms"
    }
}
