import Logging

extension Logger.Metadata {
    /// The metadata an event is logged with: the handler's own, then the provider's, then the log
    /// call's, later ones winning — the order every swift-log handler applies.
    static func merged(handler: Logger.Metadata, provider: Logger.MetadataProvider?, event: Logger.Metadata?) -> Logger.Metadata {
        var merged = handler
        if let provided = provider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event { merged.merge(own) { _, new in new } }
        return merged
    }
}
