import Inbox
import Logging
import PostgresNIO

/// How the PostgreSQL register is reached: the `Database=` URL made into postgres-nio's configuration
/// (TLS as its `sslmode=` asks), and the password found where nianbao keeps secrets.
package enum PostgresConnectionSettings {
    /// The systemd credential holding the password (`LoadCredential=register-password:/etc/nianbao/register-password`).
    package static let credentialName = "register-password"

    /// The password: from `passwordFile` (`[Register] PasswordFile=`) when set, else from the
    /// `register-password` credential when the unit passes one, else none (the server may trust the host).
    package static func password(file passwordFile: String, credentials: CredentialStore) throws(CredentialError) -> String? {
        if !passwordFile.isEmpty {
            return try CredentialStore.readSecretFile(passwordFile, naming: "PasswordFile= \(passwordFile)")
        }
        guard credentials.has(credentialName) else { return nil }
        return try credentials.read(credentialName)
    }

    /// postgres-nio's configuration for `url`, with TLS as libpq's `sslmode` means it.
    package static func configuration(_ url: PostgresURL, password: String?) throws -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: password, database: url.database,
            tls: try tls(url))
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    /// `disable`: plain; `allow`/`prefer`: TLS when the server offers it, unchecked; `require`: TLS or
    /// nothing, unchecked (checked against `sslrootcert=` when one is given, as libpq does); `verify-ca`:
    /// the chain checked; `verify-full`: the chain and the host name (or IP address) checked.
    static func tls(_ url: PostgresURL) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let root = url.sslRootCert { tls.trustRoots = .file(root) }
        switch url.sslMode {
        case .disable:
            return .disable
        case .allow, .prefer:
            tls.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: tls))
        case .require:
            tls.certificateVerification = url.sslRootCert == nil ? .none : .noHostnameVerification
            return .require(try NIOSSLContext(configuration: tls))
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
            return .require(try NIOSSLContext(configuration: tls))
        case .verifyFull:
            tls.certificateVerification = .fullVerification
            return .require(try NIOSSLContext(configuration: tls))
        }
    }
}

/// The PostgreSQL register could not do what was asked: the server named, what went wrong in words, and
/// whether it was the connection (server down, network) so the caller keeps the records and tries again.
package struct PostgresRegisterError: Error, Sendable, CustomStringConvertible {
    package var server: String
    package var reason: String
    /// The server could not be reached or the connection broke: a later call reconnects.
    package var isUnreachable: Bool

    package var description: String {
        "PostgreSQL register \(server) " + (isUnreachable ? "unreachable: " : "failed: ") + reason
    }

    /// `error` (postgres-nio's, whose own description hides everything) told in words, never with a password.
    init(_ error: any Error, server: String) {
        self.server = server
        guard let error = error as? PSQLError else {
            if let transaction = error as? PostgresTransactionError,
                let inner = transaction.beginError ?? transaction.closureError ?? transaction.commitError
            {
                self = PostgresRegisterError(inner, server: server)
                return
            }
            if let own = error as? PostgresRegisterError {
                self = own
                return
            }
            reason = "\(error)"
            isUnreachable = false
            return
        }
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
            reason = error.underlying.map { "\($0)" } ?? "the connection was closed"
            isUnreachable = true
        case .sslUnsupported:
            reason = "the URL asks for TLS (sslmode=) but the server does not offer it"
            isUnreachable = false
        case .authMechanismRequiresPassword:
            reason =
                "the server asks for a password: set [Register] PasswordFile= or pass the \(PostgresConnectionSettings.credentialName) credential"
            isUnreachable = false
        case .server:
            let message = error.serverInfo?[.message] ?? "an error"
            let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            reason = "the server said: \(message)\(state)"
            // 57P01-03: the server is shutting down or starting; 08xxx: connection exceptions.
            let code = error.serverInfo?[.sqlState] ?? ""
            isUnreachable = code.hasPrefix("57P") || code.hasPrefix("08")
        default:
            reason = error.underlying.map { "\(error.code): \($0)" } ?? "\(error.code)"
            isUnreachable = false
        }
    }

    init(server: String, reason: String, isUnreachable: Bool = false) {
        self.server = server
        self.reason = reason
        self.isUnreachable = isUnreachable
    }
}
