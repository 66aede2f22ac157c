import Foundation

/// `scripts/robot-test-server` on a port of 127.0.0.1 the kernel chose, for tests that drive the built
/// program: it checks each robot's key and signature as the vendor does, answers as the URL's first
/// segment asks (`ok`, `errcode-N`, `status-N`), and logs every request as one JSON line.
public final class RobotTestServer: @unchecked Sendable {
    // @unchecked: everything is set once in init; the log is only read.
    public static let key = "0f3c2a9e-5b7d-4e61-9a08-7c1d2e3f4a5b"
    public static let secret = "SECa1b2c3d4e5f60718293a4b5c6d7e8f9"

    let process = Process()
    public let port: Int
    public let folder: String
    public var logPath: String { folder + "/requests.jsonl" }

    /// Starts the server and waits, on progress, for its `PORT n` line (blocking: call it off the cooperative pool).
    /// `port` 0 lets the kernel choose; a test that takes a receiver down and up again passes the port it had.
    public init(port requested: Int = 0) throws {
        folder = try TemporaryRoot.makePath("robots")
        FileManager.default.createFile(atPath: folder + "/requests.jsonl", contents: nil)
        let announce = folder + "/server.out"
        FileManager.default.createFile(atPath: announce, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            BuiltNianbao.packageRoot.appendingPathComponent("scripts/robot-test-server").path, folder + "/requests.jsonl", Self.key,
            Self.secret, String(requested),
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: announce))
        try process.run()
        func line() -> String { (try? String(contentsOfFile: announce, encoding: .utf8)) ?? "" }
        let process = self.process
        _ = waitForProgressBlocking(
            "robot-test-server to listen", interval: 0.01, progress: { process.isRunning },
            until: { line().contains("\n") || !process.isRunning })
        let text = line().trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw TestServerDidNotStart(server: "robot-test-server", output: text)
        }
        self.port = port
    }

    /// Takes the server down (SIGKILL): connections to its port are refused from now on.
    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        TemporaryRoot.remove(folder)
    }

    /// A 企业微信 robot's address on this server, answering as `scenario` says.
    public func weComURL(_ scenario: String = "ok") -> String {
        "http://127.0.0.1:\(port)/\(scenario)/cgi-bin/webhook/send?key=\(Self.key)"
    }

    /// Every request received so far, oldest first, as the server logged it.
    public func requests() throws -> [[String: Any]] {
        try String(contentsOfFile: logPath, encoding: .utf8).split(separator: "\n").map { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
        }
    }
}
