import Glibc
import Inbox

/// The secrets channels need (robot keys, signing secrets, SMTP passwords), read from the files
/// systemd's `LoadCredential=NAME:/path` places in `$CREDENTIALS_DIRECTORY` (readable only by the
/// service). A secret is never in `nianbao.conf`, never in the environment, and never logged.
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

    /// The credential `name` (or `nianbao_NAME`, loaded from the credentials directory), without a
    /// trailing newline; throws naming the credential, never its content.
    package func secret(_ name: String) throws(DeliveryError) -> String {
        guard let directory else {
            throw DeliveryError("credential \"\(name)\" needed but $CREDENTIALS_DIRECTORY is unset (add LoadCredential=\(name):/path to the unit)",
                transient: false)
        }
        // The shipped unit loads /etc/nianbao/credentials/ as a directory: each file becomes `nianbao_FILE`.
        var raw = Self.read(directory + "/" + name)
        if case .failure(let error) = raw, error.errno == .noSuchFileOrDirectory {
            raw = Self.read(directory + "/" + Self.directoryPrefix + name)
        }
        let bytes: [UInt8]
        switch raw {
        case .success(.bytes(let read)): bytes = read
        case .success: throw DeliveryError("credential \"\(name)\" is not a regular file of at most 1 MiB", transient: false)
        case .failure(let error): throw DeliveryError("credential \"\(name)\" cannot be read: \(error)", transient: false)
        }
        var text = String(decoding: bytes, as: UTF8.self)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return text
    }

    static func read(_ path: String) -> Result<DaemonConfiguration.RawFile, SystemCallError> {
        Result { () throws(SystemCallError) in try DaemonConfiguration.readRaw(path) }
    }
}
