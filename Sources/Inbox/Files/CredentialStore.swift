import Glibc

/// The secrets nianbao needs (robot keys, signing secrets, the register's database password), read from
/// the files systemd's `LoadCredential=NAME:/path` places in `$CREDENTIALS_DIRECTORY` (readable only by
/// the service), or from a file an administrator names. A secret is never in `nianbao.conf`, never in the
/// environment, and never logged.
package struct CredentialStore: Sendable {
    /// `$CREDENTIALS_DIRECTORY`, or nil when the process runs without credentials.
    package var directory: String?

    package init(directory: String?) {
        self.directory = directory
    }

    /// The store of this process (`$CREDENTIALS_DIRECTORY`).
    package static func fromEnvironment() -> CredentialStore {
        CredentialStore(directory: getenv("CREDENTIALS_DIRECTORY").map { String(cString: $0) })
    }

    /// What systemd puts before each file's name when `LoadCredential=nianbao:/etc/nianbao/credentials`
    /// names a directory.
    package static let directoryPrefix = "nianbao_"

    /// Whether the credential `name` (or `nianbao_NAME`) was handed to this process (its file exists).
    package func has(_ name: String) -> Bool { path(of: name) != nil }

    /// The credential `name` (or `nianbao_NAME`, loaded from the credentials directory), without a
    /// trailing newline; throws naming the credential, never its content.
    package func read(_ name: String) throws(CredentialError) -> String {
        guard let directory else {
            throw CredentialError(
                "credential \"\(name)\" needed but $CREDENTIALS_DIRECTORY is unset (add LoadCredential=\(name):/path to the unit)")
        }
        return try Self.readSecretFile(path(of: name) ?? directory + "/" + name, naming: "credential \"\(name)\"")
    }

    /// The file of credential `name`: `NAME`, else `nianbao_NAME` (the shipped unit loads
    /// /etc/nianbao/credentials/ as a directory, and each file becomes `nianbao_FILE`); nil when neither exists.
    package func path(of name: String) -> String? {
        guard let directory else { return nil }
        return [name, Self.directoryPrefix + name].map { directory + "/" + $0 }.first { access($0, F_OK) == 0 }
    }

    /// A secret kept in its own file (`[Register] PasswordFile=`), without a trailing newline.
    ///
    /// - Parameter what: how errors name the secret (`credential "x"`, `PasswordFile= /etc/…`).
    package static func readSecretFile(_ path: String, naming what: String) throws(CredentialError) -> String {
        let bytes: [UInt8]
        do {
            guard case .bytes(let read) = try DaemonConfiguration.readRaw(path) else {
                throw CredentialError("\(what) is not a regular file of at most 1 MiB")
            }
            bytes = read
        } catch let error as CredentialError {
            throw error
        } catch {
            throw CredentialError("\(what) cannot be read: \(error)")
        }
        var text = String(decoding: bytes, as: UTF8.self)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return text
    }
}

/// A secret that cannot be read: which one and why, never its content.
package struct CredentialError: Error, Sendable, Hashable, CustomStringConvertible {
    package var reason: String
    package init(_ reason: String) { self.reason = reason }
    package var description: String { reason }
}
