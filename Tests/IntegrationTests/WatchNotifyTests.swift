import Foundation
import Glibc
import Testing

/// `nianbao watch` speaks the sd_notify protocol to a socket standing in for systemd (`Type=notify`).
@Suite(.serialized) struct WatchNotifyTests {
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

        /// Datagrams received until one contains `text` (returned with everything before it), or the timeout.
        func receive(until text: String, timeout: Double = 20) -> [String] {
            var messages: [String] = []
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 50) > 0 else { continue }
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = recv(fd, &buffer, buffer.count, 0)
                guard count > 0 else { continue }
                let message = String(decoding: buffer[..<count], as: UTF8.self)
                messages.append(message)
                if message.contains(text) { break }
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
        #expect(watch.waitForExit(timeout: 10) == 0, "stderr: \(watch.stderr)")
    }
}
