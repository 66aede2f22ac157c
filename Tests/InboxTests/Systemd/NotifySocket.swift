import Glibc
import Logging
import Synchronization
import Testing

/// An AF_UNIX datagram socket bound at a temporary path: the listening end of sd_notify, as systemd has it.
final class NotifySocket {
    let directory: TemporaryDirectory
    let path: String
    private let fd: CInt

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("notify")
        fd = socket(AF_UNIX, CInt(SOCK_DGRAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0)
        try #require(fd >= 0, "socket: errno \(errno)")
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8) + [0]
        try #require(bytes.count <= MemoryLayout.size(ofValue: address.sun_path))
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(bound == 0, "bind \(path): errno \(errno)")
    }

    deinit { close(fd) }

    /// The next datagram as text, or nil if none arrives within `timeout` milliseconds.
    func receive(timeout: CInt = 2000) -> String? {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, timeout) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count >= 0 else { return nil }
        return String(decoding: buffer.prefix(count), as: UTF8.self)
    }
}

/// A log handler keeping every event in memory, to assert what a component logged.
struct RecordingLogHandler: LogHandler {
    final class Store: Sendable {
        let events = Mutex<[(level: Logger.Level, message: String, metadata: Logger.Metadata)]>([])
        var levels: [Logger.Level] { events.withLock { $0.map(\.level) } }
    }

    let store: Store
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        store.events.withLock { $0.append((event.level, "\(event.message)", event.metadata ?? [:])) }
    }

    /// A logger writing into a fresh store.
    static func logger() -> (Logger, Store) {
        let store = Store()
        return (Logger(label: "test") { _ in RecordingLogHandler(store: store) }, store)
    }
}
