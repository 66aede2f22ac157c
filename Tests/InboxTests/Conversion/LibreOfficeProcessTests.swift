import Foundation
import Glibc
import NianbaoTestSupport
import ReportValidation
import Testing

@testable import Inbox

/// How the Word 97 converter runs LibreOffice, with shell scripts standing in for it: the private
/// scratch folder (HOME, TMPDIR, profile, input, output), what the child gets, time limit, caps, and
/// that the folder is gone afterwards.
@Suite("LibreOffice conversion process")
struct LibreOfficeProcessTests {
    /// A stand-in `oosplash`: `$OUT` is the `--outdir` argument, `$IN` the input file, `$DIR` the test's folder.
    struct StandIn {
        let folder: TemporaryDirectory
        let path: String

        init(_ body: String) throws {
            folder = try TemporaryDirectory()
            let prologue = """
                #!/bin/sh
                prev=; for a in "$@"; do [ "$prev" = --outdir ] && OUT="$a"; prev="$a"; IN="$a"; done

                """
            path = try folder.write("oosplash", Array((prologue + body.replacingOccurrences(of: "$DIR", with: folder.path)).utf8))
            try #require(chmod(path, 0o755) == 0)
        }

        func converter(timeLimit: Duration = .seconds(20), outputLimit: Int = 1 << 20) -> LibreOfficeConverter {
            LibreOfficeConverter(toolPath: path, timeLimit: timeLimit, outputLimit: outputLimit)
        }

        /// The file `name` the script wrote, as lines.
        func lines(_ name: String) throws -> [String] {
            try String(contentsOfFile: folder.path(name), encoding: .utf8).split(separator: "\n").map(String.init)
        }

        /// The value after `key=` in the script's file `name`.
        func value(_ key: String, in name: String) throws -> String {
            let line = try #require(try lines(name).first { $0.hasPrefix(key + "=") })
            return String(line.dropFirst(key.count + 1))
        }
    }

    static let input = LegacyWordFormat.compoundFileMagic + Array("a Word 97 file".utf8)

    @Test("LibreOffice runs in a private scratch folder holding its HOME, TMPDIR, profile, input and output, removed afterwards")
    func scratchFolder() throws {
        let standIn = try StandIn(
            """
            { echo "args=$*"; echo "in=$IN"; echo "out=$OUT"; /usr/bin/env; echo "mode=$(/usr/bin/stat -c %a "$OUT/..")"; } > $DIR/record
            /bin/cat "$(dirname "$OUT")/profile/user/registrymodifications.xcu" > $DIR/profile
            mkdir -p "$HOME/.cache/deep" && echo x > "$HOME/.cache/deep/file"
            echo kept > $DIR/outside && ln -s $DIR/outside "$TMPDIR/link"
            /bin/cp "$IN" "$OUT/report.docx"
            """)
        let conversion = standIn.converter().docx(of: Self.input, format: .doc)
        #expect(conversion == .docx(Self.input), "the output file's bytes come back")
        let scratch = String(try standIn.value("out", in: "record").dropLast("/out".count))
        #expect(scratch.hasPrefix(ScratchFolder.base() + "/nianbao-libreoffice."))
        #expect(try standIn.value("in", in: "record") == scratch + "/report.doc")
        #expect(try standIn.value("HOME", in: "record") == scratch + "/home")
        #expect(try standIn.value("TMPDIR", in: "record") == scratch + "/tmp")
        #expect(try standIn.value("LANG", in: "record") == "C.UTF-8")
        #expect(try standIn.lines("record").allSatisfy { !$0.hasPrefix("PATH=") && !$0.hasPrefix("USER=") })
        #expect(try standIn.value("mode", in: "record") == "700")
        let arguments = try standIn.value("args", in: "record")
        #expect(arguments.hasPrefix("-env:UserInstallation=file://\(scratch)/profile --headless "))
        #expect(arguments.contains("--nolockcheck --norestore --infilter=MS Word 97 --convert-to docx:MS Word 2007 XML --outdir "))
        #expect(try standIn.lines("profile").contains { $0.contains("Java/VirtualMachine") && $0.contains("<value>false</value>") })
        #expect(try standIn.lines("profile").contains { $0.contains("DisableMacrosExecution") && $0.contains("<value>true</value>") })
        #expect(!FileManager.default.fileExists(atPath: scratch), "the scratch folder, subfolders and all, is removed")
        #expect(try String(contentsOfFile: standIn.folder.path("outside"), encoding: .utf8) == "kept\n", "a link is removed, not followed")
    }

    @Test("a fresh profile's restart request (exit status 81) is honoured once, in the same folder")
    func restart() throws {
        let standIn = try StandIn(
            """
            echo "$OUT" >> $DIR/runs
            if [ ! -e "$HOME/started" ]; then : > "$HOME/started"; exit 81; fi
            /bin/cp "$IN" "$OUT/report.docx"
            """)
        #expect(standIn.converter().docx(of: Self.input, format: .doc) == .docx(Self.input))
        let runs = try standIn.lines("runs")
        #expect(runs.count == 2 && runs[0] == runs[1], "\(runs)")
        let always = try StandIn("exit 81")
        #expect(always.converter().docx(of: Self.input, format: .doc) == .failed(reason: "LibreOffice failed with exit status 81"))
    }

    @Test("a .wps is handed over under a .wps name")
    func wpsName() throws {
        let standIn = try StandIn("echo \"$IN\" > $DIR/in\n/bin/cp \"$IN\" \"$OUT/report.docx\"")
        #expect(standIn.converter().docx(of: Self.input, format: .wps) == .docx(Self.input))
        #expect(try standIn.lines("in").first?.hasSuffix("/report.wps") == true)
    }

    @Test("exit 0 without a .docx (LibreOffice could not load the file) fails with its error line, not the Java warning")
    func noOutput() throws {
        let standIn = try StandIn(
            """
            echo 'Warning: failed to launch javaldx - java may not function correctly' >&2
            echo 'Error: source file could not be loaded' >&2
            """)
        #expect(
            standIn.converter().docx(of: Self.input, format: .doc)
                == .failed(reason: "LibreOffice wrote no .docx: Error: source file could not be loaded"))
    }

    @Test("a link where the .docx should be is not followed")
    func linkedOutput() throws {
        let standIn = try StandIn("echo secret > $DIR/secret\nln -s $DIR/secret \"$OUT/report.docx\"")
        #expect(standIn.converter().docx(of: Self.input, format: .doc) == .failed(reason: "LibreOffice wrote no .docx"))
    }

    @Test("a .docx over the output limit is refused")
    func outputLimit() throws {
        let standIn = try StandIn("/usr/bin/head -c 3000000 /dev/zero > \"$OUT/report.docx\"")
        #expect(
            standIn.converter(outputLimit: 2 << 20).docx(of: Self.input, format: .doc)
                == .failed(reason: "LibreOffice wrote a .docx of more than 2 MiB"))
    }

    @Test("a failing exit status and a crash make the reason")
    func failures() throws {
        let failing = try StandIn("echo 'Error: Please reverify input parameters...' >&2\nexit 77")
        #expect(
            failing.converter().docx(of: Self.input, format: .doc)
                == .failed(reason: "LibreOffice failed with exit status 77: Error: Please reverify input parameters..."))
        let crashing = try StandIn("kill -SEGV $$")
        #expect(crashing.converter().docx(of: Self.input, format: .doc) == .failed(reason: "LibreOffice was ended by signal 11"))
    }

    @Test("LibreOffice still running at the time limit is killed with what it started, and its folder removed")
    func timeLimit() throws {
        let standIn = try StandIn("echo $$ > $DIR/pid\necho \"$OUT\" > $DIR/out\n/bin/sleep 600 &\necho $! > $DIR/grandchild\nwait")
        let conversion = standIn.converter(timeLimit: .milliseconds(300)).docx(of: Self.input, format: .doc)
        #expect(conversion == .failed(reason: "LibreOffice took longer than 300 ms"))
        #expect(ConversionProcessTests.isReaped(pid_t(try #require(try standIn.lines("pid").first.flatMap { Int32($0) }))))
        let grandchild = try #require(try standIn.lines("grandchild").first.flatMap { Int32($0) })
        #expect(
            waitForProgressBlocking("the grandchild \(grandchild) dead", progress: { 0 }) { ConversionProcessTests.isDead(grandchild) }.met)
        let scratch = String(try #require(try standIn.lines("out").first).dropLast("/out".count))
        #expect(!FileManager.default.fileExists(atPath: scratch))
    }

    @Test("a missing program, or none found, is toolMissing")
    func missingTool() {
        let missing = LibreOfficeConverter(toolPath: "/nonexistent/nianbao/oosplash", timeLimit: .seconds(5), outputLimit: 1 << 20)
        #expect(missing.docx(of: Self.input, format: .doc) == .toolMissing)
        #expect(CheckerFactory.noWordConverter.docx(of: Self.input, format: .doc) == .toolMissing)
    }

    @Test("the start-up line names the program, or says .doc and .wps are rejected")
    func availability() {
        let found = LibreOfficeConverter(toolPath: "/usr/lib/libreoffice/program/soffice.bin", timeLimit: .seconds(1), outputLimit: 1)
        #expect(found.availability == "Word 97 / WPS conversion: /usr/lib/libreoffice/program/soffice.bin --convert-to docx")
        #expect(
            CheckerFactory.noWordConverter.availability.hasPrefix(
                "LibreOffice not found (looked for /usr/lib/libreoffice/program/soffice.bin)"))
        #expect(CheckerFactory.noWordConverter.availability.contains("install libreoffice-writer-nogui"))
    }

    @Test("the profile URL is percent-encoded")
    func profileURL() {
        #expect(LibreOfficeConverter.fileURL("/tmp/a b/年报#1") == "file:///tmp/a%20b/%E5%B9%B4%E6%8A%A5%231")
    }
}
