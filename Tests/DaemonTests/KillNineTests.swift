import Foundation
import Glibc
import Testing

/// SplitMix64: a tiny deterministic generator, so a failing kill schedule can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension NianbaoWatch {
    /// Crash safety: `kill -9` at random instants, then a restart that must finish the work.
    @Suite struct KillNine {
        /// Rounds to run: `NIANBAO_KILL_ROUNDS`, at least 50.
        static let rounds = max(50, Int(ProcessInfo.processInfo.environment["NIANBAO_KILL_ROUNDS"] ?? "") ?? 50)
        /// `NIANBAO_KILL_SEED` to replay a run, else a fresh seed (printed either way).
        static let seed =
            UInt64(ProcessInfo.processInfo.environment["NIANBAO_KILL_SEED"] ?? "")
            ?? UInt64(truncatingIfNeeded: Int(Date().timeIntervalSince1970 * 1000))

        /// About 3 s a round on 2 cores (debug build); a guard against a hang, not a speed budget (the waits
        /// inside fail on a stall), so it leaves room for a very loaded machine.
        static let minutes = max(hangGuardMinutes, Int64(rounds))

        @Test(.timeLimit(.minutes(minutes)))
        func killNineDuringABurstThenRestartProcessesEveryFileExactlyOnce() throws {
            print("kill -9: \(Self.rounds) rounds, seed \(Self.seed) (replay with NIANBAO_KILL_SEED=\(Self.seed))")
            var random = SplitMix64(state: Self.seed)
            var failedRounds: [String] = []
            for round in 0..<Self.rounds {
                let outcome = try withRoot("kill-\(round)") { root in try Self.runRound(round, root: root, random: &random) }
                if let failure = outcome {
                    failedRounds.append(failure)
                    if failedRounds.count >= 3 { break }
                }
            }
            #expect(failedRounds.isEmpty, "seed \(Self.seed):\n\(failedRounds.joined(separator: "\n\n"))")
        }

        /// One round: start, drop 200 files, `kill -9` at a random moment (while dropping, or while the
        /// daemon works through them), sometimes kill again right after the restart, then restart and check.
        /// Returns a description of what went wrong, or nil.
        static func runRound(_ round: Int, root: DaemonRoot, random: inout SplitMix64) throws -> String? {
            var daemon = try DaemonProcess(root: root)
            try daemon.waitUntilReady()
            let files = 200
            // 40 %: during the drops (at drop k); 60 %: 0–400 ms after the last drop, while it works.
            let duringDrops = random.next() % 10 < 4
            let killIndex = duringDrops ? Int(random.next() % UInt64(files)) : files
            let delay = duringDrops ? 0 : Double(random.next() % 400) / 1000
            let doubleKill = random.next() % 4 == 0
            let secondDelay = Double(random.next() % 100) / 1000
            let schedule =
                "round \(round): kill at drop \(killIndex) + \(Int(delay * 1000)) ms"
                + (doubleKill ? ", again \(Int(secondDelay * 1000)) ms after restart" : "")
            for index in 0..<files {
                if index == killIndex { daemon.kill9() }
                try root.dropByRename(FileName(utf8: "r\(round)-\(index).txt"), Array("round \(round) file \(index) \(UUID())\n".utf8))
            }
            if killIndex == files {
                Posix.sleep(delay)
                daemon.kill9()
            }
            if doubleKill {
                daemon = try DaemonProcess(root: root)
                Posix.sleep(secondDelay)
                daemon.kill9()
            }
            daemon = try DaemonProcess(root: root)
            try daemon.waitUntilReady()
            let drained = root.waitUntilDrained()
            let problems = root.problems()
            let exit = daemon.stop()
            guard drained, problems.isEmpty, exit.status == 0 else {
                return "\(schedule): drained \(drained), \(exit)\n" + problems.prefix(10).joined(separator: "\n")
                    + "\n" + daemon.stderrTail(8)
            }
            return nil
        }

        @Test(.timeLimit(.minutes(hangGuardMinutes)))
        func sigtermDuringABurstExitsCleanlyAndARestartFinishesEveryFileOnce() throws {
            try withRoot("sigterm-burst") { root in
                var daemon = try DaemonProcess(root: root)
                try daemon.waitUntilReady()
                for index in 0..<500 {
                    try root.dropByRename(FileName(utf8: "t-\(index).txt"), Array("sigterm burst \(index)\n".utf8))
                }
                Posix.sleep(0.1)
                let exit = daemon.stop(SIGTERM)
                #expect(exit.status == 0 && exit.seconds < DaemonProcess.stopLimit, "\(exit); \(daemon.stderrTail())")
                #expect(root.workLeftovers().isEmpty, "the file in hand must be finished or put back: \(root.workLeftovers())")
                daemon = try DaemonProcess(root: root)
                try daemon.waitUntilReady()
                #expect(root.waitUntilDrained(), "\(daemon.stderrTail())")
                let problems = root.problems()
                #expect(problems.isEmpty, "\(problems.prefix(10).joined(separator: "\n"))")
                #expect(daemon.stop().status == 0)
            }
        }
    }
}
