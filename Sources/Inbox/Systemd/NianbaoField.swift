import Logging

/// The structured fields nianbao sets on its journal entries, beside ``NianbaoMessageID``: the one
/// place their names are spelled. The journal handler upper-cases them (`nianbao_verdict` →
/// `NIANBAO_VERDICT`), which is what `systemd/nianbao.catalog` and `journalctl NIANBAO_VERDICT=…` use.
package enum NianbaoField: String, CaseIterable, Sendable {
    /// The report's name as dropped (or its final name when only that is known).
    case report = "nianbao_report"
    /// `accepted` or `rejected`.
    case verdict = "nianbao_verdict"
    /// The output folder a report went to (`accepted`, `rejected`).
    case folder = "nianbao_folder"
    /// The path of the readable findings file beside the report.
    case findings = "nianbao_findings"
    case errors = "nianbao_errors"
    case warnings = "nianbao_warnings"
    /// The distinct rule codes found, sorted, space-separated.
    case rules = "nianbao_rules"
    case sha256 = "nianbao_sha256"
    /// Bytes read.
    case size = "nianbao_size"
    /// From claim to verdict logged, in microseconds.
    case durationMicroseconds = "nianbao_duration_usec"
    case inbox = "nianbao_inbox"
    case root = "nianbao_root"
    case config = "nianbao_config"
    /// The configuration keys a reload changed, comma-separated (`nothing` when none).
    case changed = "nianbao_changed"
    case language = "nianbao_language"
    /// A `[Notify.NAME]` channel's name.
    case channel = "nianbao_channel"
    /// A notification's outbox id (`nb-…-CHANNEL`).
    case notification = "nianbao_notification"
    /// The outbox folder.
    case outbox = "nianbao_outbox"
    /// How many delivery attempts were made.
    case attempts = "nianbao_attempts"
    /// The failing call, its path and its text (`ERROR=`).
    case error = "error"
    /// The failing call's error number (`ERRNO=`, as systemd's own entries name it).
    case errno = "errno"

    /// The metadata key of the field.
    package var key: String { rawValue }
}

extension NianbaoMessageID {
    /// The entry's `MESSAGE_ID` with `fields`, as a log call's metadata.
    package func metadata(_ fields: KeyValuePairs<NianbaoField, String>) -> Logger.Metadata {
        var metadata = self.metadata
        for (field, value) in fields { metadata[field.key] = .string(value) }
        return metadata
    }
}

extension Logger.Metadata {
    /// The value of one of nianbao's fields.
    package subscript(field field: NianbaoField) -> Logger.MetadataValue? {
        get { self[field.key] }
        set { self[field.key] = newValue }
    }

    /// Metadata holding only `fields` (an entry without a MESSAGE_ID).
    package static func fields(_ fields: KeyValuePairs<NianbaoField, String>) -> Logger.Metadata {
        var metadata: Logger.Metadata = [:]
        for (field, value) in fields { metadata[field.key] = .string(value) }
        return metadata
    }
}
