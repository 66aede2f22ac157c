import Logging

/// A report filed in its output folder, once the move is durable: what the post-filing steps see.
package struct FiledVerdict: Sendable {
    package let claim: ClaimID
    package let folder: OutputFolder
    /// The report's name in the output folder.
    package let finalName: FileName
    /// The name it was dropped under; nil when only the final name is known (finished after a restart).
    package let original: FileName?
    /// The path of `finalName.findings.txt`, for messages.
    package let findingsPath: String
    /// Set when judged by this process; nil for a claim committed before a restart.
    package let judgement: Judgement?
    /// From the start of judging to filing; nil when not judged by this process.
    package let duration: Duration?
    /// When the verdict was filed (its outputs durable).
    package let filedAt: WallTime
    /// The findings document written beside the report (`finalName.findings.json`); nil when not
    /// judged by this process (read it from the output folder).
    package let findingsJSON: [UInt8]?
}

/// A step after filing: told of each verdict once the report and its findings are durable in their
/// folder, in filing order. The register and the notification outbox are each one more entry in
/// ``ClaimPipeline/postFiling``; the journal entry (``VerdictLog``) comes after them, so a verdict in
/// the journal has been handed to every other step.
///
/// It must not throw nor undo anything: the files in the output folders stay the source of truth,
/// and a sink that fails catches up from them later.
package protocol VerdictSink: Sendable {
    func filed(_ verdict: FiledVerdict)
}

/// The journal's side of the daemon's files: one entry per verdict, with its ``NianbaoMessageID``
/// and ``NianbaoField``s, and the entries for a deferred report and a name taken meanwhile.
struct VerdictLog: VerdictSink {
    let logger: Logger

    /// One entry per verdict: ``NianbaoMessageID/accepted`` at info level, ``NianbaoMessageID/rejected``
    /// at warning level, a report set aside unjudged (``NianbaoMessageID/setAside``, still
    /// `NIANBAO_VERDICT=rejected`) at error level.
    func filed(_ verdict: FiledVerdict) {
        let target = "\(verdict.folder.rawValue)/\(verdict.finalName.shown)"
        var metadata = (verdict.folder == .accepted ? NianbaoMessageID.accepted : NianbaoMessageID.rejected).metadata([
            .report: (verdict.original ?? verdict.finalName).shown,
            .verdict: verdict.folder.rawValue,
            .findings: verdict.findingsPath,
        ])
        let level: Logger.Level = verdict.folder == .accepted ? .info : .warning
        guard let judgement = verdict.judgement else {
            logger.log(
                level: level, "\(verdict.folder.rawValue) \(verdict.finalName.shown) → \(target) (finished after a restart)",
                metadata: metadata)
            return
        }
        let result = judgement.report.result
        let rules = Array(Set(result.findings.map(\.code.rawValue))).sorted().joined(separator: " ")
        metadata[field: .errors] = "\(result.errors.count)"
        metadata[field: .warnings] = "\(result.warnings.count)"
        metadata[field: .rules] = "\(rules)"
        metadata[field: .durationMicroseconds] = "\((verdict.duration ?? .zero).microseconds)"
        if let size = judgement.size { metadata[field: .size] = "\(size)" }
        if let digest = judgement.sha256 { metadata[field: .sha256] = "\(digest)" }
        let original = verdict.original?.shown ?? ""
        if let attempts = judgement.setAsideAfter {
            metadata.merge(NianbaoMessageID.setAside.metadata) { $1 }
            let why = "set aside unjudged after \(attempts) interrupted attempts (FILE-007)"
            logger.error("rejected \(original) → \(target): \(why)", metadata: metadata)
            return
        }
        logger.log(
            level: level,
            "\(verdict.folder.rawValue) \(original) → \(target) (\(result.errors.count) errors, \(result.warnings.count) warnings)",
            metadata: metadata)
    }

    /// A final name taken between choosing it and moving: the report is judged again under a new one.
    func nameTaken(_ finalName: FileName, in folder: OutputFolder) {
        logger.warning(
            "output name taken meanwhile; judging again under a new name",
            metadata: .fields([.report: finalName.shown, .folder: folder.rawValue]))
    }

    /// The fields of a fault that deferred a report: ``NianbaoMessageID/deferred``, the report, the
    /// failing call (`error`) and its `errno`, as the catalog entry names them.
    static func deferredMetadata(_ fault: SystemCallError, report: String) -> Logger.Metadata {
        NianbaoMessageID.deferred.metadata([.report: report, .error: "\(fault)", .errno: "\(fault.errno.rawValue)"])
    }
}

extension Duration {
    /// The duration in whole microseconds.
    var microseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
