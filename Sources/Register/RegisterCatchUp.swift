import Inbox
import Logging

/// Finds the filed reports the register lacks, from the output folders (the source of truth): each
/// `NAME.findings.json` beside a report in `accepted/` or `rejected/` becomes a record. At start it looks
/// only at files written since shortly before the register's latest record of this office (a crash
/// between filing and recording); `register rebuild` looks at all of them.
package struct RegisterCatchUp: Sendable {
    package var root: String
    package var office: String

    package init(root: String, office: String) {
        self.root = root
        self.office = office
    }

    /// How far before the latest record the start-up look goes back: records of one batch are stored
    /// together, but a batch's files are written over its judging time.
    package static let margin: Int64 = 24 * 3_600 * 1_000_000

    static let suffix = ".findings.json"

    /// The records of the findings documents modified at or after `since` (microseconds since 1970;
    /// nil: all), in filing order (oldest first).
    package func records(since: Int64?, logger: Logger) throws(SystemCallError) -> [RegisterRecord] {
        var found: [RegisterRecord] = []
        for folder in ["accepted", "rejected"] {
            let directory: DirectoryHandle
            do {
                directory = try DirectoryHandle(path: root + "/" + folder)
            } catch  where error.errno == .noSuchFileOrDirectory {
                continue
            }
            var documents: [FileName] = []
            try directory.forEachEntry { (name, kind) throws(SystemCallError) in
                if name.hasSuffix(Self.suffix), kind == nil || kind == .regular { documents.append(name) }
            }
            for document in documents {
                guard let status = try directory.status(of: document), status.kind == .regular else { continue }
                let modified = Int64(status.modified.seconds) * 1_000_000 + Int64(status.modified.nanoseconds / 1000)
                if let since, modified < since { continue }
                let report = FileName(Array(document.bytes.dropLast(Self.suffix.utf8.count)))
                // A findings document whose report was moved away by hand is not a filed report any more.
                guard try directory.status(of: report) != nil else { continue }
                guard let bytes = try directory.readFile(document, limit: 64 << 20) else { continue }
                guard let record = RegisterRecord(findingsDocument: bytes, folder: folder, finalName: report.bytes, office: office)
                else {
                    logger.warning("not a findings document nianbao wrote, not recorded: \(directory.shown(document))")
                    continue
                }
                found.append(record)
            }
        }
        return found.sorted {
            $0.filedAt != $1.filedAt ? $0.filedAt < $1.filedAt : $0.finalName.lexicographicallyPrecedes($1.finalName)
        }
    }

    /// Records in `store` (through `recorder`, after what it holds) the filed reports it lacks; returns how many.
    package func run(store: any RegisterStore, recorder: RegisterRecorder, logger: Logger) async throws -> Int {
        let latest = try await store.latestFiledAt(office: office)
        let since = latest.map { $0 - Self.margin }
        let candidates = try await FolderReading.run { [self] () throws(SystemCallError) in try records(since: since, logger: logger) }
        var missing: [RegisterRecord] = []
        for start in stride(from: 0, to: candidates.count, by: 500) {
            let chunk = Array(candidates[start..<min(start + 500, candidates.count)])
            let known = try await store.recorded(chunk.map(\.identity))
            missing += chunk.filter { !known.contains($0.identity) }
        }
        if !missing.isEmpty {
            logger.notice("\(missing.count) filed reports were not in the register yet (filed before a stop): recording them")
        }
        recorder.enqueue(missing)
        return missing.count
    }
}

/// Reads the output folders on a thread of its own: the catch-up's `readdir`/`fstatat`/`read` calls over
/// thousands of findings documents block, and Swift's pool has only a thread per CPU for the whole daemon.
actor FolderReading {
    nonisolated let executor: DedicatedThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private init(executor: DedicatedThreadExecutor) { self.executor = executor }

    /// `body`'s result, computed on a new thread that ends afterwards.
    static func run<Value: Sendable>(_ body: @Sendable () throws(SystemCallError) -> Value) async throws(SystemCallError) -> Value {
        let reading = FolderReading(executor: try DedicatedThreadExecutor(name: "nianbao-catchup"))
        defer { reading.executor.stop() }
        return try await reading.perform(body).get()
    }

    private func perform<Value: Sendable>(_ body: @Sendable () throws(SystemCallError) -> Value) -> Result<Value, SystemCallError> {
        Result { () throws(SystemCallError) in try body() }
    }
}
