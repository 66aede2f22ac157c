import Inbox

extension CredentialStore {
    /// The credential `name` for a channel: a credential that cannot be read is a permanent delivery failure.
    package func secret(_ name: String) throws(DeliveryError) -> String {
        do {
            return try read(name)
        } catch {
            throw DeliveryError(error.reason, transient: false)
        }
    }
}
