import Glibc
import ReportValidation

/// Converts Word 97–2003 (`.doc`) and WPS (`.wps`) files to `.docx` with LibreOffice headless, so the
/// Word reader reads them.
///
/// Run like `pdftotext`: from a fixed absolute path, never through `PATH`, with an environment of its
/// own, in its own process group (killed whole at the time limit), under a time limit and output caps.
/// LibreOffice works on files and writes a user profile, so each run gets a private scratch folder
/// (``ScratchFolder``) holding its `HOME`, `TMPDIR`, profile, input and output, removed afterwards.
/// The profile is seeded with Java and macros switched off, and the input is read only with the
/// Word 97 filter: anything else in an OLE2 container (an Excel file, a damaged one) fails cleanly.
package struct LibreOfficeConverter: LegacyWordConverter {
    /// Where LibreOffice's program may be: `soffice.bin`, which `/usr/bin/soffice` (a shell script) and its
    /// launcher `oosplash` end in, run directly: no shell, no `PATH`, and none of the launcher's demand for
    /// `/proc/version`, which the unit's `ProcSubset=pid` hides. A fresh profile asks for one restart
    /// (exit status 81), done here as the launcher would. Debian's `libreoffice-writer-nogui` installs it here.
    package static let searchPaths = ["/usr/lib/libreoffice/program/soffice.bin"]
    /// The exit status with which LibreOffice asks to be started again (after creating a profile).
    static let restartStatus: CInt = 81
    /// Longest a conversion may take. A report converts in a few seconds; the daemon's watchdog
    /// (`WatchdogSec=2min`, pinged at most once a minute, before each report) needs well under a minute.
    package static let defaultTimeLimit: Duration = .seconds(45)
    /// Largest `.docx` accepted from one conversion (a report's is far below this).
    package static let defaultOutputLimit = 64 << 20
    /// Most bytes of messages LibreOffice may print on standard output (it prints one line per file).
    static let messageLimit = 64 << 10

    /// The launcher used, or nil when none was found.
    package let toolPath: String?
    let timeLimit: Duration
    let outputLimit: Int

    package var name: String { "LibreOffice" }

    /// Uses the first executable launcher of ``searchPaths``, if any.
    package init() {
        self.init(toolPath: Self.locate(), timeLimit: Self.defaultTimeLimit, outputLimit: Self.defaultOutputLimit)
    }

    /// Runs `toolPath` (which tests point at a script) with these limits.
    package init(toolPath: String?, timeLimit: Duration, outputLimit: Int) {
        self.toolPath = toolPath
        self.timeLimit = timeLimit
        self.outputLimit = outputLimit
    }

    /// The first of ``searchPaths`` this process may execute.
    package static func locate() -> String? {
        ChildSpawn.firstExecutable(of: searchPaths)
    }

    /// One line for the daemon's start-up log: which program converts `.doc` and `.wps`, or that none does.
    package var availability: String {
        guard let toolPath else {
            return "LibreOffice not found (looked for \(Self.searchPaths.joined(separator: ", "))): .doc and .wps files "
                + "are rejected with a note; install libreoffice-writer-nogui to read them"
        }
        return "Word 97 / WPS conversion: \(toolPath) --convert-to docx"
    }

    package func docx(of bytes: [UInt8], format: LegacyWordFormat) -> LegacyWordConversion {
        guard let toolPath else { return .toolMissing }
        let scratch: ScratchFolder
        do {
            scratch = try ScratchFolder(purpose: "libreoffice")
        } catch {
            return .failed(reason: "no private folder for LibreOffice: \(error)")
        }
        defer { scratch.remove() }
        let input = "report." + format.rawValue
        do {
            for folder in ["home", "tmp", "out", "profile", "profile/user"] { try scratch.makeFolder(folder) }
            try scratch.write("profile/user/registrymodifications.xcu", Array(Self.profileSettings.utf8))
            try scratch.write(input, bytes)
        } catch {
            return .failed(reason: "LibreOffice's private folder could not be filled: \(error)")
        }
        let process = PipedProcess(
            executable: toolPath, arguments: Self.arguments(scratch: scratch.path, input: input),
            environment: ["LANG=C.UTF-8", "HOME=" + scratch.path("home"), "TMPDIR=" + scratch.path("tmp")],
            timeLimit: timeLimit, outputLimit: Self.messageLimit)
        var outcome: PipedProcess.Outcome
        do {
            let started = ContinuousClock.now
            outcome = try process.run(input: [])
            if case .exited(Self.restartStatus, _, _) = outcome {
                var again = process
                again.timeLimit = timeLimit - (ContinuousClock.now - started)
                outcome = again.timeLimit > .zero ? try again.run(input: []) : .timedOut
            }
        } catch  where error.call == "posix_spawn" && error.errno == .noSuchFileOrDirectory {
            return .toolMissing  // Uninstalled since start-up.
        } catch {
            return .failed(reason: "LibreOffice could not be run: \(error)")
        }
        switch outcome {
        case .exited(0, _, let error):
            return collect(scratch, error: error)
        case .exited(let status, _, let error):
            return .failed(reason: Self.reason("LibreOffice failed with exit status \(status)", error: error))
        case .signalled(let signal, let error):
            return .failed(reason: Self.reason("LibreOffice was ended by signal \(signal)", error: error))
        case .timedOut:
            return .failed(reason: "LibreOffice took longer than \(PopplerPDFExtractor.shown(timeLimit))")
        case .outputTooLarge:
            return .failed(reason: "LibreOffice printed more than \(Self.messageLimit >> 10) KiB of messages")
        }
    }

    /// The `.docx` a run that exited 0 left. LibreOffice exits 0 also when it could not load the file
    /// ("Error: source file could not be loaded"): then there is none.
    private func collect(_ scratch: ScratchFolder, error: [UInt8]) -> LegacyWordConversion {
        let written: [UInt8]?
        do {
            written = try scratch.read("out/report.docx", limit: outputLimit)
        } catch {
            return .failed(reason: "LibreOffice's .docx could not be read: \(error)")
        }
        guard let written, !written.isEmpty else {
            return .failed(reason: Self.reason("LibreOffice wrote no .docx", error: error))
        }
        guard written.count <= outputLimit else {
            return .failed(reason: "LibreOffice wrote a .docx of more than \(outputLimit >> 20) MiB")
        }
        return .docx(written)
    }

    /// The command line: headless, no first-start wizard, no lock files, no crash recovery, the profile
    /// in the scratch folder, the Word 97 import filter, Word 2007–365 `.docx` out.
    static func arguments(scratch: String, input: String) -> [String] {
        [
            "-env:UserInstallation=" + fileURL(scratch + "/profile"),
            "--headless", "--invisible", "--nologo", "--nodefault", "--nofirststartwizard", "--nolockcheck", "--norestore",
            "--infilter=MS Word 97", "--convert-to", "docx:MS Word 2007 XML", "--outdir", scratch + "/out", scratch + "/" + input,
        ]
    }

    /// `file://` and `path` percent-encoded (RFC 8089): LibreOffice takes the profile as a URL.
    static func fileURL(_ path: String) -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".utf8)
        let digits = Array("0123456789ABCDEF".utf8)
        var url = Array("file://".utf8)
        for byte in path.utf8 {
            if unreserved.contains(byte) {
                url.append(byte)
            } else {
                url += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: url, as: UTF8.self)
    }

    /// `summary`, with LibreOffice's first error line (it also prints a harmless warning when it finds no Java).
    static func reason(_ summary: String, error: [UInt8]) -> String {
        let lines = String(decoding: error, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingPrefix(while: \.isWhitespace) }.filter { !$0.isEmpty && !$0.contains("javaldx") }
        guard let first = lines.first(where: { $0.contains("Error") }) ?? lines.first else { return summary }
        return "\(summary): \(first.prefix(200))"
    }

    /// The seeded profile's settings: no Java virtual machine (its JIT would meet the unit's
    /// `MemoryDenyWriteExecute=`), no macros at all, no links fetched for untrusted documents.
    static let profileSettings = """
        <?xml version="1.0" encoding="UTF-8"?>
        <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <item oor:path="/org.openoffice.Office.Java/VirtualMachine"><prop oor:name="Enable" oor:op="fuse"><value>false</value></prop></item>
        <item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
        <item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
        <item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
        </oor:items>

        """
}
