import Foundation
import Glibc
import Testing

extension NianbaoWatch {
    /// Many files: name collisions and a burst larger than the kernel's inotify queue.
    @Suite struct Volume {
        @Test(.timeLimit(.minutes(hangGuardMinutes)))
        func thousandDropsOfOneNameGiveThousandDistinctOutputsNothingOverwritten() throws {
            try withRoot("collisions") { root in
                let daemon = try DaemonProcess(root: root)
                try daemon.waitUntilReady()
                let descriptors = daemon.openDescriptors
                let name = FileName(utf8: "report.txt")
                for index in 0..<1000 {
                    try root.dropByRename(name, Array("same name, drop \(index)\n".utf8), expect: "rejected", waitForFreeName: true)
                }
                #expect(root.waitUntilDrained(), "not drained; \(daemon.stderrTail())")
                let problems = root.problems()
                #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
                let names = Set(root.outputReports().map(\.name).filter { $0.starts(with: FileName(utf8: "report.")) })
                let expected = Set([name] + (1..<1000).map { FileName(utf8: "report.\($0).txt") })
                let missing = expected.subtracting(names).map(\.shown).sorted().prefix(10)
                let unexpected = names.subtracting(expected).map(\.shown).sorted().prefix(10)
                #expect(names == expected, "missing: \(missing); unexpected: \(unexpected)")
                #expect(daemon.openDescriptors == descriptors, "open descriptors must not grow with the files handled")
                #expect(daemon.stop().status == 0)
            }
        }

        @Test(.timeLimit(.minutes(hangGuardMinutes)))
        func twentyThousandFilesDroppedWhileStoppedAreAllProcessedOnceAfterTheQueueOverflows() throws {
            let count = Int(ProcessInfo.processInfo.environment["NIANBAO_BURST_FILES"] ?? "") ?? 20_000
            try withRoot("burst") { root in
                let daemon = try DaemonProcess(root: root)
                try daemon.waitUntilReady()
                let descriptors = daemon.openDescriptors
                daemon.send(SIGSTOP)
                var resumed = false
                defer { if !resumed { daemon.send(SIGCONT) } }
                let queue =
                    (try? String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8))
                    .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 16384
                print("burst: \(count) files while the daemon is stopped; fs.inotify.max_queued_events = \(queue)")
                if count <= queue { print("burst: WARNING \(count) files do not overflow a queue of \(queue) events") }
                let start = Posix.now()
                for index in 0..<count {
                    try root.dropByRename(FileName(utf8: String(format: "burst-%05d.txt", index)), Array("burst \(index)\n".utf8))
                }
                print(String(format: "burst: dropped in %.1f s; resuming the daemon", Posix.now() - start))
                daemon.send(SIGCONT)
                resumed = true
                let drainStart = Posix.now()
                let drained = root.waitUntilDrained()
                print(
                    String(format: "burst: drained=\(drained) in %.1f s; ", Posix.now() - drainStart)
                        + "peak RSS \(daemon.status("VmHWM")), open descriptors \(descriptors) before, \(daemon.openDescriptors) after")
                #expect(daemon.openDescriptors == descriptors, "open descriptors must not grow with the files handled")
                #expect(drained, "\(root.outputReports().count) of \(root.dropped.count) out; \(daemon.stderrTail())")
                let problems = root.problems()
                #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.prefix(20).joined(separator: "\n"))")
                let exit = daemon.stop()
                #expect(exit.status == 0 && exit.seconds < DaemonProcess.stopLimit, "\(exit)")
            }
        }
    }
}
