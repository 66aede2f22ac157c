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

    /// The credential `name`, without a trailing newline; throws naming the credential, never its content.
    package func secret(_ name: String) throws(DeliveryError) -> String {
        guard let directory else {
            throw DeliveryError("credential \"\(name)\" needed but $CREDENTIALS_DIRECTORY is unset (add LoadCredential=\(name):/path to the unit)",
                transient: false)
        }
        let path = directory + "/" + name
        let bytes: [UInt8]
        do {
            guard case .bytes(let read) = try DaemonConfiguration.readRaw(path) else {
                throw DeliveryError("credential \"\(name)\" is not a regular file of at most 1 MiB", transient: false)
            }
            bytes = read
        } catch let error as DeliveryError {
            throw error
        } catch {
            throw DeliveryError("credential \"\(name)\" cannot be read: \(error)", transient: false)
        }
        var text = String(decoding: bytes, as: UTF8.self)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return text
    }
}
