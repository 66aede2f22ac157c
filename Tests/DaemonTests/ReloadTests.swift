import Foundation
import Glibc
import Testing

extension NianbaoWatch {
    /// `--config` and SIGHUP.
    @Suite struct Reload {
        /// Sends SIGHUP and waits until the daemon has logged something about it, plus a moment.
        func reload(_ daemon: DaemonProcess) -> String {
            let before = daemon.stderrBytes.count
            daemon.send(SIGHUP)
            Posix.waitUntil("a log line after SIGHUP") { daemon.stderrBytes.count > before }
            Posix.sleep(0.3)
            return String(decoding: daemon.stderrBytes.dropFirst(before), as: UTF8.self)
        }

        @Test(.timeLimit(.minutes(hangGuardMinutes)))
        func sighupAppliesANewConfigAndABadOneKeepsTheOldSettings() throws {
            try withRoot("reload") { root in
                let config = root.base + "/nianbao.conf"
                try DaemonConfig.write(config, inbox: [("MaximumFileSize", "1M")])
                let daemon = try DaemonProcess(root: root, config: config)
                try daemon.waitUntilReady()
                let accepted = try Nianbao.sample("000").bytes
                let alsoAccepted = try Nianbao.sample("004").bytes
                try root.dropByRename(FileName(utf8: "before-reload.txt"), accepted, expect: "accepted")
                #expect(root.waitUntilDrained(), "\(daemon.stderrTail())")

                try DaemonConfig.write(config, inbox: [("MaximumFileSize", "1K")])
                _ = reload(daemon)
                try root.dropByRename(FileName(utf8: "after-reload.txt"), alsoAccepted, expect: "rejected")
                #expect(root.waitUntilDrained(), "\(daemon.stderrTail())")
                let codes = findingCodes(root.findingsJSON("rejected", FileName(utf8: "after-reload.txt")))
                #expect(codes.contains("FILE-005"), "the reloaded 1K limit must apply; codes \(codes)")

                try DaemonConfig.write(config, inbox: [("MaximumFileSize", "1M")], raw: "NoSuchKey=1\n")
                let said = reload(daemon)
                #expect(daemon.isRunning, "a bad config must not stop the daemon")
                #expect(said.contains("NoSuchKey") || said.contains("nianbao.conf"), "the refusal must say why; got: \(said)")
                try root.dropByRename(FileName(utf8: "after-bad-reload.txt"), accepted + Array("\n".utf8), expect: "rejected")
                #expect(root.waitUntilDrained(), "\(daemon.stderrTail())")
                let kept = findingCodes(root.findingsJSON("rejected", FileName(utf8: "after-bad-reload.txt")))
                #expect(kept.contains("FILE-005"), "after a bad config the 1K limit must still apply; codes \(kept)")
                #expect(root.problems().isEmpty, "\(root.problems())")
                let exit = daemon.stop()
                #expect(exit.status == 0 && exit.seconds < DaemonProcess.stopLimit, "\(exit)")
            }
        }

        @Test(.timeLimit(.minutes(hangGuardMinutes)))
        func missingConfigFileGivenWithConfigIsAUsageError() throws {
            try withRoot("no-config") { root in
                let daemon = try DaemonProcess(root: root, config: root.base + "/does-not-exist.conf")
                let exit = daemon.waitForExit()
                #expect(exit.status == 2, "\(exit); \(daemon.stderrTail())")
                #expect(daemon.stderr.contains("does-not-exist.conf"))
            }
        }
    }
}
