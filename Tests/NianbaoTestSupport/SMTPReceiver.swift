import Foundation

/// `scripts/smtp-test-server` (python3-aiosmtpd) on a port of 127.0.0.1 the kernel chose, and an msmtp
/// configuration that relays to it: the real MTA the mail tests hand messages to. Recipients at
/// `refused.invalid` are refused with 550, as a server refuses a bad address.
///
/// Stopped with SIGKILL: aiosmtpd was seen hanging on SIGTERM.
public final class SMTPReceiver: @unchecked Sendable {
    // @unchecked: everything is set once in init; the folder is only read afterwards.
    let process = Process()
    /// The port it listens on.
    public let port: Int
    /// Where it stores each message (`NNNN.eml`, `NNNN.json`) and where the msmtp files are.
    public let folder: String
    /// The msmtp configuration file naming this receiver (mode 0600, as msmtp requires).
    public var msmtpConfiguration: String { folder + "/msmtprc" }
    /// The recipient domain the receiver refuses.
    public static let refusedDomain = "refused.invalid"

    /// The MTA: `/usr/sbin/sendmail` when it is msmtp-mta's, else msmtp itself.
    public static var msmtp: String {
        let sendmail = URL(fileURLWithPath: "/usr/sbin/sendmail").resolvingSymlinksInPath().lastPathComponent
        return sendmail == "msmtp" ? "/usr/sbin/sendmail" : "/usr/bin/msmtp"
    }

    /// What a `Sendmail=` setting says to relay through this receiver: the MTA and `-C` its configuration.
    public var sendmail: [String] { [Self.msmtp, "-C", msmtpConfiguration] }

    /// Starts the server and waits, on progress, for its `PORT n` line (blocking: call it off the cooperative pool).
    /// With `password`, the server requires AUTH as user `nianbao`, and ``msmtpConfiguration`` logs in with the
    /// password read from the file `$NIANBAO_SMTP_PASSWORD_FILE` names (what nianbao hands sendmail).
    public init(password: String? = nil) throws {
        folder = try TemporaryRoot.makePath("smtp")
        let mail = folder + "/mail"
        try FileManager.default.createDirectory(atPath: mail, withIntermediateDirectories: true)
        let announce = folder + "/server.out"
        FileManager.default.createFile(atPath: announce, contents: nil)
        FileManager.default.createFile(atPath: folder + "/server.err", contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [BuiltNianbao.packageRoot.appendingPathComponent("scripts/smtp-test-server").path, mail]
        if let password {
            var environment = ProcessInfo.processInfo.environment
            environment["SMTP_TEST_PASSWORD"] = password
            process.environment = environment
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: announce))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/server.err"))
        try process.run()
        func line() -> String {
            (try? String(contentsOfFile: announce, encoding: .utf8)) ?? ""
        }
        let process = self.process
        // Nothing to count while Python starts: the wait ends on the line, on the server's exit, or at the stall limit.
        _ = waitForProgressBlocking(
            "smtp-test-server to listen", interval: 0.01, progress: { process.isRunning },
            until: { line().contains("\n") || !process.isRunning })
        let text = line().trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let error = (try? String(contentsOfFile: folder + "/server.err", encoding: .utf8)) ?? ""
            throw TestServerDidNotStart(server: "smtp-test-server (is python3-aiosmtpd installed?)", output: text + error)
        }
        self.port = port
        try Self.writeConfiguration(to: msmtpConfiguration, port: port, logsIn: password != nil)
    }

    /// An msmtp configuration for `port` on 127.0.0.1: no TLS, the sender from `-f`; no authentication, or
    /// (`logsIn`) AUTH PLAIN as `nianbao` with the password from `$NIANBAO_SMTP_PASSWORD_FILE`.
    public static func writeConfiguration(to path: String, port: Int, logsIn: Bool = false) throws {
        let auth = logsIn ? "auth plain\nuser nianbao\npasswordeval cat \"$NIANBAO_SMTP_PASSWORD_FILE\"\n" : "auth off\n"
        let text = "defaults\n\(auth)tls off\nsyslog off\n\naccount default\nhost 127.0.0.1\nport \(port)\nfrom nianbao@example.org\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
    }

    /// Sockets bound to a port without listening, kept open so the kernel hands the port to no one else.
    private var closedPorts: [Int32] = []

    /// A configuration relaying to a port where nothing listens (a receiver that is down): the port of a
    /// socket that stays bound without listening while the receiver lives, so connecting is refused and no
    /// other test's server can be given that port meanwhile.
    public func downConfiguration() throws -> [String] {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestServerDidNotStart(server: "a closed port", output: "socket: errno \(errno)") }
        closedPorts.append(fd)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw TestServerDidNotStart(server: "a closed port", output: "bind: errno \(errno)") }
        let path = folder + "/msmtprc-down"
        try Self.writeConfiguration(to: path, port: Int(UInt16(bigEndian: address.sin_port)))
        return [Self.msmtp, "-C", path]
    }

    deinit {
        for fd in closedPorts { close(fd) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        TemporaryRoot.remove(folder)
    }

    /// One message as the receiver got it.
    public struct Received: Sendable {
        /// The envelope: `MAIL FROM` and the accepted `RCPT TO`s.
        public var sender: String
        public var recipients: [String]
        /// The message bytes as relayed.
        public var bytes: [UInt8]

        /// The header section, unfolded: each field's name (lower-cased) and value, in order.
        public var headers: [(name: String, value: String)] {
            let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
            let head = text.components(separatedBy: "\n\n").first ?? ""
            var fields: [(String, String)] = []
            for line in head.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.first == " " || line.first == "\t", !fields.isEmpty {
                    fields[fields.count - 1].1 += " " + line.trimmingCharacters(in: .whitespaces)
                } else if let colon = line.firstIndex(of: ":") {
                    fields.append((line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
                }
            }
            return fields
        }

        /// The first value of header `name`.
        public func header(_ name: String) -> String? { headers.first { $0.name == name.lowercased() }?.value }

        /// The body after the blank line, as the message carries it.
        public var rawBody: String {
            let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
            guard let range = text.range(of: "\n\n") else { return "" }
            return String(text[range.upperBound...])
        }

        /// The body decoded from its `Content-Transfer-Encoding` (base64 or none).
        public var body: String {
            if header("content-transfer-encoding")?.lowercased() == "base64" {
                let joined = rawBody.split(whereSeparator: \.isNewline).joined()
                return Data(base64Encoded: String(joined)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            }
            return rawBody
        }

        /// The subject with its RFC 2047 encoded words decoded (UTF-8 `B` and `Q` words).
        public var subject: String? { header("subject").map(Self.decodeWords) }

        /// Decodes `=?UTF-8?B?…?=` / `=?UTF-8?Q?…?=` words; whitespace between adjacent words is dropped (RFC 2047 §6.2).
        public static func decodeWords(_ value: String) -> String {
            let pattern = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/
            var out = ""
            var rest = Substring(value)
            var lastWasWord = false
            while let match = rest.firstMatch(of: pattern) {
                let between = rest[..<match.range.lowerBound]
                if !(lastWasWord && between.allSatisfy(\.isWhitespace)) { out += between }
                let payload = String(match.output.3)
                if match.output.2.uppercased() == "B" {
                    out += Data(base64Encoded: payload).map { String(decoding: $0, as: UTF8.self) } ?? payload
                } else {
                    var bytes: [UInt8] = []
                    var scalars = Array(payload.utf8)[...]
                    while let byte = scalars.popFirst() {
                        if byte == UInt8(ascii: "_") {
                            bytes.append(0x20)
                        } else if byte == UInt8(ascii: "="), scalars.count >= 2,
                            let value = UInt8(String(decoding: scalars.prefix(2), as: UTF8.self), radix: 16)
                        {
                            bytes.append(value)
                            scalars = scalars.dropFirst(2)
                        } else {
                            bytes.append(byte)
                        }
                    }
                    out += String(decoding: bytes, as: UTF8.self)
                }
                rest = rest[match.range.upperBound...]
                lastWasWord = true
            }
            return out + rest
        }
    }

    /// Every message received so far, oldest first (each written whole before its name appears).
    public func messages() throws -> [Received] {
        let mail = folder + "/mail"
        let names = try FileManager.default.contentsOfDirectory(atPath: mail).filter { $0.hasSuffix(".eml") }.sorted()
        return try names.map { name in
            let base = mail + "/" + name.dropLast(4)
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: base + ".eml")))
            let envelope =
                (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: base + ".json")))) as? [String: Any]
            return Received(
                sender: envelope?["from"] as? String ?? "", recipients: envelope?["to"] as? [String] ?? [], bytes: bytes)
        }
    }

    /// How many messages have arrived.
    public var count: Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/mail")) ?? []).count { $0.hasSuffix(".eml") }
    }
}

/// A test server did not print its port.
public struct TestServerDidNotStart: Error, CustomStringConvertible {
    public var server: String
    public var output: String
    public var description: String { "\(server) did not start: \(output)" }
}
