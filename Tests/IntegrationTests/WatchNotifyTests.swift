import Foundation
import Glibc
import NianbaoTestSupport
import Testing

/// `nianbao watch` speaks the sd_notify protocol to a socket standing in for systemd (`Type=notify`).
@Suite(.serialized, .offThePool) struct WatchNotifyTests {
    /// A bound `AF_UNIX` datagram socket at a short /tmp path, like the one systemd passes in `$NOTIFY_SOCKET`.
    final class NotifySocket {
        let path = "/tmp/nb-notify-\(UUID().uuidString.prefix(8)).sock"
        let fd: CInt

        init() throws {
            fd = socket(AF_UNIX, CInt(SOCK_DGRAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0)
            try #require(fd >= 0, "socket: errno \(errno)")
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { buffer in
                for (index, byte) in path.utf8.enumerated() { buffer[index] = byte }
            }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            try #require(bound == 0, "bind \(path): errno \(errno)")
        }

        deinit {
            close(fd)
            unlink(path)
        }

        /// Datagrams received until one contains `text` (returned with everything before it), or until nothing
        /// arrived for `quietLimit` seconds (by default the stall limit).
        func receive(until text: String, quietLimit: Double = ProgressWait.stallLimit) -> [String] {
            receiveTimed(quietLimit: quietLimit) { $0.last?.message.contains(text) == true }.map(\.message)
        }

        /// Datagrams with their arrival times (monotonic seconds), received until `done` holds for those so far,
        /// or until nothing arrived for `quietLimit` seconds.
        func receiveTimed(quietLimit: Double, until done: ([(message: String, time: Double)]) -> Bool) -> [(message: String, time: Double)]
        {
            var messages: [(message: String, time: Double)] = []
            var lastArrival = ProgressWait.now()
            while ProgressWait.now() - lastArrival < quietLimit {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 50) > 0 else { continue }
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = recv(fd, &buffer, buffer.count, 0)
                guard count > 0 else { continue }
                lastArrival = ProgressWait.now()
                messages.append((String(decoding: buffer[..<count], as: UTF8.self), lastArrival))
                if done(messages) { break }
            }
            return messages
        }

        /// Every datagram received within `seconds` (for "nothing arrives while…" checks).
        func collect(for seconds: Double) -> [String] {
            let end = ProgressWait.now() + seconds
            var messages: [String] = []
            while ProgressWait.now() < end {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 50) > 0 else { continue }
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = recv(fd, &buffer, buffer.count, 0)
                if count > 0 { messages.append(String(decoding: buffer[..<count], as: UTF8.self)) }
            }
            return messages
        }
    }

    @Test func readyReloadingAndStoppingReachTheServiceManager() throws {
        let socket = try NotifySocket()
        let watch = try WatchProcess(config: "[Findings]\nLanguage=zh\n")
        try watch.startWatching(environment: ["NOTIFY_SOCKET": socket.path])

        let start = socket.receive(until: "READY=1")
        #expect(start.last?.hasPrefix("READY=1\nSTATUS=watching \(watch.root.path)/inbox: backlog 0") == true, "\(start)")
        // READY=1 only once the folders exist and the inbox is watched.
        #expect(watch.names(in: "inbox").isEmpty && FileManager.default.fileExists(atPath: watch.folder(".work").path))

        try watch.writeConfig("[Findings]\nLanguage=en\n")
        watch.send(SIGHUP)
        let reload = socket.receive(until: "READY=1")
        #expect(reload.first?.hasPrefix("RELOADING=1\nMONOTONIC_USEC=") == true, "\(reload)")
        #expect(reload.last?.hasPrefix("READY=1\n") == true, "\(reload)")
        #expect(watch.stderr.contains("config reloaded"))

        watch.send(SIGTERM)
        let stop = socket.receive(until: "STOPPING=1")
        #expect(stop.last?.hasPrefix("STOPPING=1") == true, "\(stop)")
        #expect(watch.waitForExit() == 0, "stderr: \(watch.stderr)")
    }

    @Test func watchdogPingsComeFromTheIdleLoopAndStopWhenItHangs() throws {
        let socket = try NotifySocket()
        let watch = try WatchProcess()
        // WATCHDOG_USEC without WATCHDOG_PID is meant for whichever process reads it: a ping every 200 ms.
        try watch.startWatching(environment: [
            "NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "400000", "NIANBAO_TEST_HANG_AFTER_CLAIMING": "hang.txt",
        ])
        let start = socket.receive(until: "READY=1")
        #expect(start.last?.hasPrefix("READY=1") == true, "\(start)")
        #expect(watch.stderr.contains("TEST ONLY: NIANBAO_TEST_HANG_AFTER_CLAIMING is set"), "\(watch.stderr)")
        // Idle: nothing arrives, yet the loop wakes for its heartbeat, never more than once per 200 ms. Counted, not
        // timed: a busy machine may wake the loop late (fewer pings in a second), never early.
        let idleStart = ProgressWait.now()
        let idle = socket.receiveTimed(quietLimit: ProgressWait.stallLimit) { $0.filter { $0.message == "WATCHDOG=1" }.count >= 6 }
            .filter { $0.message == "WATCHDOG=1" }.map(\.time)
        #expect(idle.count >= 6, "\(idle.count) idle pings")
        // The rate limit, from arrival times (a late reader may see two pings close together, but never more pings
        // than the 200 ms interval allows since READY; one of slack for a ping already queued then).
        let span = (idle.last ?? idleStart) - idleStart
        #expect(Double(idle.count) <= span / 0.2 + 2, "\(idle.count) pings in \(span) s at a 200 ms interval")

        try watch.dropFixture("000", as: "hang.txt")
        #expect(watch.waitForLog("hung the event loop"), "\(watch.stderr)")
        _ = socket.collect(for: 0.3)  // A ping sent just before the claim.
        let hung = socket.collect(for: 2)
        #expect(!hung.contains("WATCHDOG=1"), "pinged while hung: \(hung)")
        // Claimed into .work/, not judged.
        #expect(watch.names(in: "inbox").isEmpty && watch.names(in: "accepted").isEmpty && watch.names(in: "rejected").isEmpty)
        #expect(watch.names(in: ".work").count == 1)
        watch.send(SIGKILL)
        #expect(watch.waitForExit() != nil)
    }

    @Test(arguments: zip(["a missing parent folder", "a file where inbox/ belongs"], [ENOENT, ENOTDIR]))
    func aStartFailureSendsErrnoAndStatusBeforeExitingOne(_ failure: String, _ code: Int32) throws {
        let socket = try NotifySocket()
        let watch = try WatchProcess(config: "")
        var root = watch.root.path
        if code == ENOENT {
            root = watch.scratch.path + "/no/such/root"
        } else {
            try FileManager.default.createDirectory(at: watch.root, withIntermediateDirectories: true)
            try Data("not a folder".utf8).write(to: watch.folder("inbox"))
        }
        try watch.start(
            ["watch", "--root", root, "--config", watch.configPath, "--log-target", "stderr"],
            environment: ["NOTIFY_SOCKET": socket.path])
        let messages = socket.receive(until: "ERRNO=")
        #expect(watch.waitForExit() == 1, "\(failure): \(watch.stderr)")
        let last = messages.last ?? ""
        #expect(last.hasPrefix("STATUS=failed: ") && last.hasSuffix("\nERRNO=\(code)"), "\(failure): \(messages)")
        #expect(!messages.contains { $0.contains("READY=1") }, "\(messages)")
    }
}
