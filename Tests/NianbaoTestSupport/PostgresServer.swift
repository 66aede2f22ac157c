import Foundation

/// A private PostgreSQL cluster for the tests: `initdb` in a scratch folder, the server on 127.0.0.1 at a
/// free port (TCP with a password: scram-sha-256), its socket in that folder, so `swift test` needs nothing
/// set up beforehand. Uses Debian's `postgresql` package (`/usr/lib/postgresql/N/bin`); as root (CI) the
/// server runs as the `postgres` user, since PostgreSQL refuses to run as root. A watchdog stops the
/// server and removes the folder when the test process ends, however it ends.
public final class PostgresServer: Sendable {
    public let host = "127.0.0.1"
    public let port: Int
    /// The login role the tests' stores use, and its password (random per cluster).
    public let user = "nianbao"
    public let password: String
    /// The cluster's scratch folder (data directory, socket, log, TLS files).
    public let folder: String
    /// The server's self-signed certificate (for `sslrootcert=`), when started with TLS.
    public let certificate: String?
    let binaries: String
    private let watchdog: FileHandle
    private let counter = Counter()

    /// Why the PostgreSQL tests cannot run here, or nil when they can.
    public static var unavailableReason: String? {
        binariesFolder == nil
            ? "PostgreSQL is not installed (no /usr/lib/postgresql/N/bin/initdb); apt-get install postgresql" : nil
    }

    /// The newest `/usr/lib/postgresql/N/bin` holding `initdb`.
    static var binariesFolder: String? {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        return versions.compactMap(Int.init).sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
    }

    /// One cluster shared by every test of this process that needs only a database of its own.
    public static func shared() async throws -> PostgresServer { try await SharedCluster.instance.server() }

    /// A cluster of its own (for tests that stop and start the server), TLS on when `tls`.
    public static func start(label: String, tls: Bool = false) async throws -> PostgresServer {
        guard let binaries = binariesFolder else { throw PostgresServerError(unavailableReason ?? "") }
        let folder = try TemporaryRoot.makePath("pg-\(label)")
        let account = getuid() == 0 ? getpwnam("postgres") : nil
        if getuid() == 0, account == nil { throw PostgresServerError("running as root, but there is no postgres user to run the server") }
        if let account {
            chmod(folder, 0o700)
            chown(folder, account.pointee.pw_uid, account.pointee.pw_gid)
        }
        let password = String(format: "%016llx%016llx", UInt64.random(in: .min ... .max), UInt64.random(in: .min ... .max))
        let asServer = account == nil ? [] : ["/usr/sbin/runuser", "-u", "postgres", "--"]
        if account != nil, try await ProcessRunner.run(asServer + ["/usr/bin/test", "-x", folder]).status != 0 {
            TemporaryRoot.remove(folder)
            throw PostgresServerError(
                "the postgres user cannot reach \(folder): make $TMPDIR and its parents traversable (chmod o+x) or unset TMPDIR")
        }
        try await expectSuccess(
            asServer + [
                binaries + "/initdb", "-D", folder + "/data", "-U", "nianbao_admin", "--auth-local=trust",
                "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync",
            ], "initdb")
        let watchdog = try startWatchdog(folder: folder, binaries: binaries, asServer: asServer)
        var settings = [
            "listen_addresses = '127.0.0.1'", "unix_socket_directories = '\(folder)'", "fsync = off",
            "max_connections = 200",
        ]
        var certificate: String?
        if tls {
            try await expectSuccess(
                asServer + [
                    "/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", folder + "/server.key", "-out", folder + "/server.crt",
                ], "openssl req")
            try await expectSuccess(asServer + ["/bin/chmod", "0600", folder + "/server.key"], "chmod")  // PostgreSQL insists
            settings += ["ssl = on", "ssl_cert_file = '\(folder)/server.crt'", "ssl_key_file = '\(folder)/server.key'"]
            certificate = folder + "/server.crt"
        }
        let configuration = folder + "/data/postgresql.conf"
        var port = 0
        for attempt in 1...5 {
            port = try freePort()
            let text = try String(contentsOfFile: configuration, encoding: .utf8)
            try (text + "\n" + (settings + ["port = \(port)"]).joined(separator: "\n") + "\n")
                .write(toFile: configuration, atomically: false, encoding: .utf8)
            if try await launch(folder: folder, binaries: binaries, asServer: asServer) { break }
            if attempt == 5 { throw PostgresServerError("the server did not start:\n" + log(folder)) }
        }
        let server = PostgresServer(
            port: port, password: password, folder: folder, certificate: certificate, binaries: binaries, watchdog: watchdog)
        try await server.admin("CREATE ROLE \(server.user) LOGIN PASSWORD '\(password)'")
        return server
    }

    private init(port: Int, password: String, folder: String, certificate: String?, binaries: String, watchdog: FileHandle) {
        self.port = port
        self.password = password
        self.folder = folder
        self.certificate = certificate
        self.binaries = binaries
        self.watchdog = watchdog
    }

    /// A fresh, empty database owned by ``user``; returns its name.
    public func createDatabase(_ label: String) async throws -> String {
        let name = "register_" + label.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) } + "_\(counter.next())"
        try await admin("CREATE DATABASE \(name) OWNER \(user)")
        return name
    }

    /// The `Database=` URL of `database` (no password: it never goes in a URL).
    public func url(_ database: String, sslmode: String? = nil, sslrootcert: String? = nil) -> String {
        var query: [String] = []
        if let sslmode { query.append("sslmode=\(sslmode)") }
        if let sslrootcert { query.append("sslrootcert=\(sslrootcert)") }
        return "postgresql://\(user)@\(host):\(port)/\(database)" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// Runs `sql` as the cluster's superuser over its private socket.
    public func admin(_ sql: String, database: String = "postgres") async throws {
        try await Self.expectSuccess(
            [
                binaries + "/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", folder, "-p", "\(port)", "-U", "nianbao_admin",
                "-d", database, "-c", sql,
            ], "psql")
    }

    /// Stops the server (fast shutdown: sessions are ended), as a server going down would.
    public func stop() async throws {
        try await Self.expectSuccess(asServer + [binaries + "/pg_ctl", "-D", folder + "/data", "-m", "fast", "-W", "stop"], "pg_ctl stop")
        let pidFile = folder + "/data/postmaster.pid"
        let stopped = await waitForProgress("the PostgreSQL server to stop", progress: { Self.log(folder).count }) {
            !FileManager.default.fileExists(atPath: pidFile)
        }
        if !stopped.met { throw PostgresServerError("the server did not stop:\n" + Self.log(folder)) }
    }

    /// Starts the stopped server again on the same port.
    public func restart() async throws {
        guard try await Self.launch(folder: folder, binaries: binaries, asServer: asServer) else {
            throw PostgresServerError("the server did not start again:\n" + Self.log(folder))
        }
    }

    private var asServer: [String] { getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : [] }

    /// `pg_ctl start` without its own time limit, then waits on the server's progress (its log) until the
    /// postmaster says ready; false when this start failed (a port taken meanwhile: the caller picks another).
    private static func launch(folder: String, binaries: String, asServer: [String]) async throws -> Bool {
        // The server must not inherit this process's descriptors: Foundation tells a child has ended when the
        // socket it hands the child closes, and a server holding it would keep pg_ctl "running" for ever.
        let withoutInherited =
            #"for fd in /proc/self/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done 2>/dev/null; exec "$@""#
        try await expectSuccess(
            asServer + [
                "/bin/bash", "-c", withoutInherited, "pg_ctl", binaries + "/pg_ctl", "-D", folder + "/data", "-l", folder + "/log",
                "-W", "start",
            ], "pg_ctl start")
        let pidFile = folder + "/data/postmaster.pid"
        let logBefore = log(folder).utf8.count
        var failed = false
        let waited = await waitForProgress("the PostgreSQL server to be ready", progress: { log(folder).count }) {
            if let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
                text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(7).first?.hasPrefix("ready") == true
            {
                return true
            }
            failed =
                String(decoding: log(folder).utf8.dropFirst(logBefore), as: UTF8.self).contains("FATAL:")
                && !FileManager.default.fileExists(atPath: pidFile)
            return failed
        }
        return waited.met && !failed
    }

    /// A shell that waits on a pipe only this process holds: when the process ends, the read ends, and the
    /// shell stops the server and removes the folder (unless `NIANBAO_KEEP=1`).
    private static func startWatchdog(folder: String, binaries: String, asServer: [String]) throws -> FileHandle {
        let pipe = Pipe()
        _ = fcntl(pipe.fileHandleForWriting.fileDescriptor, F_SETFD, FD_CLOEXEC)
        let watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/bin/sh")
        let stop = (asServer + [binaries + "/pg_ctl", "-D", folder + "/data", "-m", "immediate", "stop"])
            .map { "'\($0)'" }.joined(separator: " ")
        let remove = TemporaryRoot.keep ? "" : "; rm -rf '\(folder)'"
        watchdog.arguments = ["-c", "read _; \(stop) >/dev/null 2>&1\(remove)"]
        watchdog.standardInput = pipe.fileHandleForReading
        watchdog.standardOutput = FileHandle.nullDevice
        watchdog.standardError = FileHandle.nullDevice
        try watchdog.run()
        try? pipe.fileHandleForReading.close()
        return pipe.fileHandleForWriting
    }

    static func expectSuccess(_ arguments: [String], _ what: String) async throws {
        let outcome = try await ProcessRunner.run(arguments)
        guard outcome.status == 0 else { throw PostgresServerError("\(what) failed: \(outcome)") }
    }

    static func log(_ folder: String) -> String { (try? String(contentsOfFile: folder + "/log", encoding: .utf8)) ?? "" }

    /// A TCP port on 127.0.0.1 nothing listens on now (the kernel's choice for port 0).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PostgresServerError("socket: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw PostgresServerError("bind 127.0.0.1:0: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// The shared cluster, started by the first test that asks for it.
private actor SharedCluster {
    static let instance = SharedCluster()
    private var starting: Task<PostgresServer, any Error>?

    func server() async throws -> PostgresServer {
        if let starting { return try await starting.value }
        let task = Task { try await PostgresServer.start(label: "shared") }
        starting = task
        return try await task.value
    }
}

/// Numbers the databases of one cluster.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}

/// The test cluster could not be set up: what failed, with the tool's output or the server's log.
public struct PostgresServerError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
