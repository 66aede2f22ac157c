/// A PostgreSQL register's address as written in `[Register] Database=` or `--register`:
/// `postgresql://USER@HOST[:PORT]/DATABASE[?sslmode=MODE&sslrootcert=/path/ca.pem]`.
///
/// The URL never carries the password (this file is world-readable): one written there is refused, and
/// the password comes from `[Register] PasswordFile=` or the `register-password` credential.
package struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// libpq's `sslmode` values, with their meaning kept: `require` encrypts without checking the
    /// certificate, `verify-ca` checks it against the roots, `verify-full` also checks the host name.
    package enum SSLMode: String, Sendable, Hashable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    package var user: String
    package var host: String
    package var port: Int
    package var database: String
    /// libpq's default is `prefer`: TLS when the server offers it.
    package var sslMode: SSLMode
    /// The CA certificates (PEM) that `verify-ca`/`verify-full` trust; nil: the system's roots.
    package var sslRootCert: String?

    package init(
        user: String, host: String, port: Int = 5432, database: String, sslMode: SSLMode = .prefer,
        sslRootCert: String? = nil
    ) {
        self.user = user
        self.host = host
        self.port = port
        self.database = database
        self.sslMode = sslMode
        self.sslRootCert = sslRootCert
    }

    /// Whether `text` is meant as a PostgreSQL URL (`postgresql://` or `postgres://`), valid or not.
    package static func isURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://")
    }

    /// Reads a URL; the error says what is wrong and how to write it.
    package static func parse(_ text: String) -> Result<PostgresURL, PostgresURLError> {
        guard isURL(text) else { return .failure(PostgresURLError("expected postgresql://USER@HOST:PORT/DATABASE")) }
        var rest = text.dropFirst(text.lowercased().hasPrefix("postgresql://") ? "postgresql://".count : "postgres://".count)
        var query = Substring("")
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        guard let at = rest.lastIndex(of: "@") else {
            return .failure(PostgresURLError("the URL names no user; write postgresql://USER@HOST:PORT/DATABASE"))
        }
        let userInfo = rest[..<at]
        if userInfo.contains(":") {
            return .failure(
                PostgresURLError(
                    "the URL must not carry the password (this file is world-readable); remove \":…\" after the user "
                        + "and put the password in [Register] PasswordFile= or the register-password credential", holdsPassword: true))
        }
        rest = rest[rest.index(after: at)...]
        let hostPort: Substring
        let path: Substring
        if let slash = rest.firstIndex(of: "/") {
            hostPort = rest[..<slash]
            path = rest[rest.index(after: slash)...]
        } else {
            hostPort = rest
            path = ""
        }
        guard let user = percentDecoded(userInfo), !user.isEmpty else {
            return .failure(PostgresURLError("the URL names no user; write postgresql://USER@HOST:PORT/DATABASE"))
        }
        guard case .success(let (host, port)) = hostAndPort(hostPort) else {
            return .failure(PostgresURLError("expected HOST or HOST:PORT (a port 1–65535) after the user, e.g. db.example.gov.cn:5432"))
        }
        guard let database = percentDecoded(path), !database.contains("/") else {
            return .failure(PostgresURLError("expected one database name after the host, e.g. /nianbao"))
        }
        var url = PostgresURL(user: user, host: host, port: port, database: database.isEmpty ? user : database)
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].lowercased()
            guard let value = percentDecoded(parts.count > 1 ? parts[1] : "") else {
                return .failure(PostgresURLError("bad percent-encoding in \(name)="))
            }
            switch name {
            case "sslmode":
                guard let mode = SSLMode(rawValue: value.lowercased()) else {
                    return .failure(
                        PostgresURLError(
                            "sslmode=\(value) is not one of " + SSLMode.allCases.map(\.rawValue).joined(separator: ", ")))
                }
                url.sslMode = mode
            case "sslrootcert":
                guard value.hasPrefix("/") else {
                    return .failure(PostgresURLError("sslrootcert= needs an absolute path to a PEM file"))
                }
                url.sslRootCert = value
            case "password":
                return .failure(
                    PostgresURLError(
                        "the URL must not carry the password (this file is world-readable); put it in [Register] "
                            + "PasswordFile= or the register-password credential", holdsPassword: true))
            default:
                return .failure(PostgresURLError("unknown URL parameter \(name)=; nianbao knows sslmode= and sslrootcert="))
            }
        }
        return .success(url)
    }

    /// The URL as written back (no password to hide: it never has one), for logs and errors.
    package var description: String {
        var text = "postgresql://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
        if sslMode != .prefer { text += "?sslmode=\(sslMode.rawValue)" }
        return text
    }

    private static func hostAndPort(_ text: Substring) -> Result<(String, Int), PostgresURLError> {
        var host = text
        var portText: Substring = ""
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return .failure(PostgresURLError("")) }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return .failure(PostgresURLError("")) }
                portText = after.dropFirst()
            }
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty else { return .failure(PostgresURLError("")) }
        guard !portText.isEmpty else { return .success((String(host), 5432)) }
        guard portText.allSatisfy(\.isASCII), let port = Int(portText), (1...65535).contains(port) else {
            return .failure(PostgresURLError(""))
        }
        return .success((String(host), port))
    }

    /// `%XX` decoded (UTF-8); nil for a malformed escape or bytes that are not UTF-8.
    private static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Why a `Database=` URL cannot be used.
package struct PostgresURLError: Error, Sendable, Hashable, CustomStringConvertible {
    package var reason: String
    /// The URL holds a password: never echo it (logs, error messages).
    package var holdsPassword: Bool
    package init(_ reason: String, holdsPassword: Bool = false) {
        self.reason = reason
        self.holdsPassword = holdsPassword
    }
    package var description: String { reason }
}
