import Foundation
import Glibc
import Testing

extension NianbaoWatch {
    /// Faults of the file system under the daemon. Each needs root and mount(2) for a tmpfs.
    @Suite(.enabled(if: canMount, "needs root and mount(2) to mount a tmpfs; skipped: this process cannot mount"))
    struct Faults {
        @Test(.timeLimit(.minutes(hangGuardMinutes)))
        func outputFolderOnAnotherFileSystemIsRefusedAtStartWithAClearMessage() throws {
            try withRoot("cross-device", createRoot: true) { root in
                for folder in [root.inbox, root.accepted] { mkdir(folder, 0o755) }
                try mountTmpfs(root.accepted, size: "1m")
                defer { umount2(root.accepted, Int32(MNT_DETACH)) }
                // A report waiting in the inbox must stay there, untouched.
                try root.dropByRename(FileName(utf8: "waiting.txt"), Array("waiting for a sane layout\n".utf8))
                let daemon = try DaemonProcess(root: root)
                let exit = daemon.waitForExit()
                #expect(
                    exit.signal == nil && exit.status != nil && exit.status != 0,
                    "nianbao watch must refuse an accepted/ on another file system, got \(exit)")
                let message = daemon.stderr
                #expect(message.contains("accepted"), "the refusal must name the folder; stderr: \(message)")
                #expect(Posix.readFile(root.inbox, FileName(utf8: "waiting.txt")) == Array("waiting for a sane layout\n".utf8))
                #expect(Posix.names(in: root.accepted).isEmpty, "nothing may be written to the refused folder")
            }
        }

        @Test(.timeLimit(.minutes(hangGuardMinutes)))
        func fullDiskKeepsTheReportSafeWithNoPartialOutputAndResumesByItself() throws {
            try withRoot("disk-full", createRoot: true) { root in
                try mountTmpfs(root.root, size: "1m")
                defer { umount2(root.root, Int32(MNT_DETACH)) }
                let daemon = try DaemonProcess(root: root)
                try daemon.waitUntilReady()
                let before = Set(Posix.names(in: root.accepted) + Posix.names(in: root.rejected))
                let sample = try Nianbao.sample("003")
                let name = FileName(utf8: "while-full.txt")
                try root.register(DroppedFile(name: name, bytes: sample.bytes, expectedFolder: "rejected"))
                let staging = root.stagingName()
                try Posix.writeFile(root.inbox, staging, sample.bytes[...])
                let filler = FileName(utf8: "filler.bin")
                let filled = try fill(root.root, filler)
                print("disk full: filled with \(filled) bytes")
                try Posix.rename(root.inbox, staging, root.inbox, name)
                // Wait until the daemon has claimed, failed and logged the fault (a busy machine takes longer than a
                // fixed pause), then a moment more for a retry.
                func faultLogged(_ text: String) -> Bool {
                    text.contains("No space left") || text.contains("ENOSPC") || text.contains("errno 28")
                }
                Posix.waitUntil("the full disk logged", progress: { daemon.stderrBytes.count }) {
                    faultLogged(daemon.stderr) || !daemon.isRunning
                }
                Posix.sleep(1)
                let safe = (root.regularFiles(under: root.inbox) + root.regularFiles(under: root.work)).filter { $0.1 == sample.bytes }
                #expect(safe.count == 1, "the report must stay whole in inbox/ or .work/, found \(safe.map(\.0)); \(daemon.stderrTail())")
                let after = Set(Posix.names(in: root.accepted) + Posix.names(in: root.rejected))
                #expect(after == before, "partial output while the disk is full: \(after.subtracting(before).map(\.shown))")
                #expect(daemon.isRunning, "a full disk must not kill the daemon; \(daemon.stderrTail())")
                let stderr = daemon.stderr
                #expect(faultLogged(stderr), "the fault must be logged with its errno; \(daemon.stderrTail())")
                unlink(Posix.cPath(root.root, filler))
                #expect(root.waitUntilDrained(), "did not resume by itself after space was freed; \(daemon.stderrTail())")
                #expect(root.problems().isEmpty, "\(root.problems())")
                let exit = daemon.stop()
                #expect(exit.status == 0 && exit.seconds < DaemonProcess.stopLimit, "\(exit)")
            }
        }

        /// Writes `directory/name` until the file system is full (down to single bytes); returns the bytes written.
        func fill(_ directory: String, _ name: FileName) throws -> Int {
            let fd = open(Posix.cPath(directory, name), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw HarnessError("open filler: \(Posix.describe(errno))") }
            defer { close(fd) }
            var total = 0
            for size in [65536, 4096, 1] {
                let chunk = [UInt8](repeating: 0x5A, count: size)
                while true {
                    let written = chunk.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                    if written <= 0 { break }
                    total += written
                }
                guard errno == ENOSPC else { throw HarnessError("filling: \(Posix.describe(errno))") }
            }
            return total
        }
    }
}
