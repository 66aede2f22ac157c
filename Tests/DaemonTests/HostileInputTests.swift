import Foundation
import Glibc
import Testing

extension NianbaoWatch {
    /// What strangers can put into a shared inbox: links, FIFOs, folders, junk and odd names.
    @Suite struct HostileInput {
        /// Starts a daemon on `root`, waits for it, runs `body`, then stops it and expects a clean exit.
        func withDaemon(_ root: DaemonRoot, config: String? = nil, _ body: (DaemonProcess) throws -> Void) throws {
            let daemon = try DaemonProcess(root: root, config: config)
            try daemon.waitUntilReady()
            try body(daemon)
            let exit = daemon.stop()
            #expect(exit.status == 0 && exit.seconds < DaemonProcess.stopLimit, "\(exit); \(daemon.stderrTail())")
        }

        @Test(.timeLimit(.minutes(hangGuardMinutes)))
        func symlinkToASecretIsRejectedWithoutReadingTheSecret() throws {
            try withRoot("symlink") { root in
                try withDaemon(root) { daemon in
                    let marker = "TOP-SECRET-\(UUID().uuidString)"
                    let secret = "line one\n\(marker)\n一、总体情况 \(marker)\n"
                    try Posix.writeFile(root.outside, FileName(utf8: "secret.txt"), Array(secret.utf8)[...])
                    let link = FileName(utf8: "link.txt")
                    let staging = root.stagingName()
                    #expect(symlink(root.outside + "/secret.txt", Posix.cPath(root.inbox, staging)) == 0)
                    try Posix.rename(root.inbox, staging, root.inbox, link)
                    try root.dropByRename(FileName(utf8: "after-link.txt"), Array("after the link\n".utf8))
                    #expect(root.waitUntilDrained(extraOutputs: 1), "\(daemon.stderrTail())")
                    let problems = root.problems(ignoringOutputs: [link])
                    #expect(problems.isEmpty, "\(problems)")
                    for (path, bytes) in root.regularFiles(under: root.root) {
                        #expect(!String(decoding: bytes, as: UTF8.self).contains(marker), "the secret leaked into \(path)")
                    }
                    #expect(!daemon.stderr.contains(marker), "the secret leaked to stderr")
                    #expect(Posix.kind(root.rejected, link) == "symlink", "the link must be rejected, as a link")
                    #expect(root.findingsJSON("rejected", link)?["verdict"] as? String == "rejected", "the link needs a note")
                    #expect(Posix.readFile(root.outside, FileName(utf8: "secret.txt")) == Array(secret.utf8), "the secret was changed")
                }
            }
        }

        @Test(.timeLimit(.minutes(hangGuardMinutes)))
        func fifoDoesNotBlockTheDaemonAndIsRejected() throws {
            try withRoot("fifo") { root in
                try withDaemon(root) { daemon in
                    let fifo = FileName(utf8: "pipe.txt")
                    let staging = root.stagingName()
                    #expect(mkfifo(Posix.cPath(root.inbox, staging), 0o644) == 0)
                    try Posix.rename(root.inbox, staging, root.inbox, fifo)
                    Posix.sleep(0.2)
                    let after = FileName(utf8: "after-fifo.txt")
                    try root.dropByRename(after, Array("after the fifo\n".utf8))
                    let came = Posix.waitUntil(progress: { root.filedCount }) { root.outputReports().contains { $0.name == after } }
                    #expect(came, "a file dropped after a FIFO was not processed: the daemon blocks; \(daemon.stderrTail())")
                    #expect(root.waitUntilDrained(extraOutputs: 1), "the FIFO stays in the inbox")
                    #expect(root.problems(ignoringOutputs: [fifo]).isEmpty, "\(root.problems(ignoringOutputs: [fifo]))")
                    #expect(Posix.kind(root.rejected, fifo) == "fifo", "the FIFO must be rejected")
                    #expect(root.findingsJSON("rejected", fifo)?["verdict"] as? String == "rejected", "the FIFO needs a note")
                }
            }
        }

        @Test(.timeLimit(.minutes(hangGuardMinutes)))
        func directoryIsLeftInPlaceUntouchedAndLoggedOnce() throws {
            try withRoot("directory") { root in
                // Rescans every second, so that a daemon that logs the folder on each rescan is caught.
                let config = root.base + "/nianbao.conf"
                try DaemonConfig.write(config, inbox: [("RescanInterval", "1s")])
                try withDaemon(root, config: config) { daemon in
                    let folder = "a-folder-\(UUID().uuidString.prefix(8))"
                    let staging = String(decoding: root.stagingName(), as: UTF8.self)
                    #expect(mkdir(root.inbox + "/" + staging, 0o755) == 0)
                    try Posix.writeFile(root.inbox + "/" + staging, FileName(utf8: "inside.txt"), Array("inside\n".utf8)[...])
                    try Posix.rename(root.inbox, FileName(utf8: staging), root.inbox, FileName(utf8: folder))
                    try root.dropByRename(FileName(utf8: "after-folder.txt"), Array("after the folder\n".utf8))
                    #expect(root.waitUntilDrained(allowedInInbox: [FileName(utf8: folder)]))
                    // A SIGHUP reload and a second file give the daemon chances to log the folder again.
                    daemon.send(SIGHUP)
                    try root.dropByRename(FileName(utf8: "after-reload.txt"), Array("after the reload\n".utf8))
                    #expect(root.waitUntilDrained(allowedInInbox: [FileName(utf8: folder)]))
                    Posix.sleep(3)
                    #expect(root.problems(allowedInInbox: [FileName(utf8: folder)]).isEmpty)
                    #expect(Posix.kind(root.inbox, FileName(utf8: folder)) == "directory", "the folder must stay in the inbox")
                    #expect(Posix.readFile(root.inbox + "/" + folder, FileName(utf8: "inside.txt")) == Array("inside\n".utf8))
                    #expect(lines(of: daemon.stderr, containing: folder).count == 1, "logged once; \(daemon.stderrTail())")
                }
            }
        }

        @Test(.timeLimit(.minutes(hangGuardMinutes)))
        func hardLinkIsRejectedWithANoteAndTheOtherNameKept() throws {
            try withRoot("hardlink") { root in
                try withDaemon(root) { daemon in
                    let bytes = try Nianbao.sample("000").bytes
                    try Posix.writeFile(root.outside, FileName(utf8: "original.txt"), bytes[...])
                    let name = FileName(utf8: "hard-link.txt")
                    try root.register(DroppedFile(name: name, bytes: bytes, expectedFolder: "rejected"))
                    let staging = root.stagingName()
                    #expect(
                        link(root.outside + "/original.txt", Posix.cPath(root.inbox, staging)) == 0,
                        Comment(rawValue: Posix.describe(errno)))
                    try Posix.rename(root.inbox, staging, root.inbox, name)
                    #expect(root.waitUntilDrained(), "\(daemon.stderrTail())")
                    #expect(root.problems().isEmpty, "\(root.problems())")
                    let json = root.findingsJSON("rejected", name)
                    #expect(
                        (json?["counts"] as? [String: Int])?["errors"] ?? 0 >= 1,
                        "a hard link needs an error note: \(String(describing: json))")
                    #expect(Posix.readFile(root.outside, FileName(utf8: "original.txt")) == bytes)
                }
            }
        }

        /// Junk that must be rejected with the given finding code (`|` separates accepted alternatives:
        /// an OLE `.doc` is binary to the text sniffer, and "binary data" is a clear note for it too).
        static let junk: [(name: String, code: String, bytes: [UInt8])] = [
            ("empty.txt", "FILE-003", []),
            ("binary.txt", "FILE-001", Array("binary".utf8) + [0, 0, 1, 2, 3, 0xFF, 0, 0x7F] + (0..<200).map { UInt8($0) }),
            ("undecodable.txt", "FILE-002", Array("二〇二三年 report ".utf8) + [0x80, 0xFF, 0x80, 0xFF, 0x20, 0xA1, 0x0A]),
            ("old-word.doc", "FILE-004|FILE-001", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504)),
            ("oversize.txt", "FILE-005", Array(repeating: UInt8(ascii: "a"), count: 20 * 1024 * 1024 + 1)),
        ]

        @Test(.timeLimit(.minutes(hangGuardMinutes)))
        func emptyBinaryUndecodableUnsupportedAndOversizeFilesAreRejectedWithTheirNote() throws {
            try withRoot("junk") { root in
                try withDaemon(root) { daemon in
                    for item in Self.junk { try root.dropByRename(FileName(utf8: item.name), item.bytes, expect: "rejected") }
                    #expect(root.waitUntilDrained(), "\(daemon.stderrTail())")
                    let problems = root.problems()
                    #expect(problems.isEmpty, "\(problems)")
                    for item in Self.junk {
                        let found = findingCodes(root.findingsJSON("rejected", FileName(utf8: item.name)))
                        let wanted = item.code.split(separator: "|").map(String.init)
                        #expect(found.contains { wanted.contains($0) }, "\(item.name): expected \(item.code), got \(found)")
                    }
                }
            }
        }

        @Test(.timeLimit(.minutes(hangGuardMinutes)))
        func gbkNamedFileKeepsItsExactNameBytes() throws {
            try withRoot("gbk") { root in
                try withDaemon(root) { daemon in
                    // "2023年报.txt" in GBK: not valid UTF-8.
                    let name: FileName = Array("2023".utf8) + [0xC4, 0xEA, 0xB1, 0xA8] + Array(".txt".utf8)
                    #expect(String(validating: name, as: UTF8.self) == nil)
                    try root.dropByRename(name, try Nianbao.sample("000").bytes, expect: "accepted")
                    #expect(Posix.waitUntil(progress: { root.filedCount }) { Posix.kind(root.accepted, name) != nil })
                    try root.dropSlowly(name, try Nianbao.sample("001").bytes, expect: "rejected")
                    #expect(root.waitUntilDrained(), "\(daemon.stderrTail())")
                    #expect(root.problems().isEmpty, "\(root.problems())")
                    #expect(Posix.kind(root.accepted, name) == "regular", "accepted/ must hold the exact GBK name")
                    #expect(Posix.kind(root.rejected, name) == "regular", "rejected/ must hold the exact GBK name")
                    for suffix in [".findings.txt", ".findings.json", ".findings.html"] {
                        #expect(Posix.kind(root.accepted, name + FileName(utf8: suffix)) == "regular")
                    }
                    #expect(daemon.isRunning)
                }
            }
        }
    }
}
