import FoundationEssentials
import Glibc
import Inbox
import ReportValidation

/// The durable outbox: a spool folder of one JSON file per notification and channel (``OutboxEntry``),
/// named by its stable id, so queueing the same verdict twice (the post-filing step, then the start-up
/// catch-up after a crash) is a no-op.
///
/// ```
/// outbox/ID.json           waiting (the daemon writes these; nianbao notify rewrites them after a failure)
/// outbox/sent/ID.json      delivered
/// outbox/dropped/ID.json   given up (refused, or the maximum age passed)
/// ```
/// New entries are queued a batch at a time with two syncs in all (``enqueue(_:)``); a rewrite is a temp
/// file, fsync, rename, fsync of the folder (``DirectoryHandle/replaceFile(_:contents:mode:)``); a move
/// between the folders is one rename.
package final class Outbox: Sendable {
    package let directory: DirectoryHandle
    let sent: DirectoryHandle
    let dropped: DirectoryHandle

    /// Most bytes of one entry read (a notification carries its note: a few KiB, rarely more).
    static let entryLimit = 4 << 20
    static let suffix = ".json"

    /// The outbox of a service (`$STATE_DIRECTORY/outbox`, from the unit's `StateDirectory=`), else
    /// `ROOT/.outbox` for a daemon run by hand.
    package static func path(root: String, stateDirectory: String?) -> String {
        if let state = stateDirectory?.split(separator: ":").first, !state.isEmpty { return state + "/outbox" }
        return (root.hasSuffix("/") ? String(root.dropLast()) : root) + "/.outbox"
    }

    /// `path` under `STATE_DIRECTORY` of this process's environment.
    package static func path(root: String) -> String {
        path(root: root, stateDirectory: getenv("STATE_DIRECTORY").map { String(cString: $0) })
    }

    /// Opens the outbox at `path`, making it (0700) and its `sent/` and `dropped/` folders when missing.
    package init(path: String) throws(SystemCallError) {
        if mkdir(path, 0o700) != 0 && errno != EEXIST { throw SystemCallError.current("mkdir", path: path) }
        directory = try DirectoryHandle(path: path, followingLinks: true)
        sent = try directory.subdirectory(FileName("sent"), creatingWith: 0o700)
        dropped = try directory.subdirectory(FileName("dropped"), creatingWith: 0o700)
    }

    static func fileName(_ id: String) -> FileName { FileName(id + suffix) }

    /// Queues `entries` with two syncs for all of them, not two per entry (a burst of verdicts queues
    /// thousands): each new one is written to a temporary file, the file system is synced (``DurabilityBarrier``),
    /// each is renamed into place (never over one waiting), then the folder is synced. Returns how many
    /// were new; one waiting, sent or dropped under the same id is left as it is.
    @discardableResult
    package func enqueue(_ entries: [OutboxEntry]) throws(SystemCallError) -> Int {
        var staged: [(temporary: FileName, name: FileName)] = []
        var placed = 0
        // On a failure part way, no temporary file stays behind (the catch-up at start queues them again).
        defer { for file in staged[placed...] { try? directory.removeFile(file.temporary) } }
        for entry in entries {
            let name = Self.fileName(entry.id)
            guard try !directory.contains(name) else { continue }
            guard try !sent.contains(name) else { continue }
            guard try !dropped.contains(name) else { continue }
            if staged.contains(where: { $0.name == name }) { continue }
            let temporary = DirectoryHandle.temporaryName(for: name)
            try? directory.removeFile(temporary)  // left by an earlier process of the same pid
            try directory.createFile(temporary, contents: Self.encode(entry), mode: 0o600)
            staged.append((temporary, name))
        }
        guard !staged.isEmpty else { return 0 }
        try DurabilityBarrier(directory: directory).wait()
        var queued = 0
        for file in staged {
            do {
                try directory.move(file.temporary, to: directory, as: file.name)
                queued += 1
            } catch  where error.errno == .fileExists {
                try? directory.removeFile(file.temporary)
            }
            placed += 1
        }
        try directory.synchronize()
        return queued
    }

    /// Whether `id` is waiting, sent or dropped.
    package func knows(_ id: String) throws(SystemCallError) -> Bool {
        let name = Self.fileName(id)
        if try directory.contains(name) { return true }
        if try sent.contains(name) { return true }
        return try dropped.contains(name)
    }

    /// The names of the waiting entries (`ID.json`), in no order.
    package func waitingNames() throws(SystemCallError) -> [FileName] {
        var names: [FileName] = []
        try directory.forEachEntry { (name, kind) throws(SystemCallError) in
            if kind != .directory, name.hasSuffix(Self.suffix), name.bytes.first != UInt8(ascii: ".") { names.append(name) }
        }
        return names
    }

    /// How many notifications wait (for `STATUS=`).
    package func waitingCount() throws(SystemCallError) -> Int { try waitingNames().count }

    /// The entry in `name`; nil when it is gone (sent meanwhile) or unreadable as an entry (``Unreadable``).
    package func read(_ name: FileName) throws(SystemCallError) -> Result<OutboxEntry, Unreadable>? {
        guard let bytes = try directory.readFile(name, limit: Self.entryLimit) else { return nil }
        do {
            let entry = try JSONDecoder().decode(OutboxEntry.self, from: Data(bytes))
            guard entry.schema == OutboxEntry.currentSchema else {
                return .failure(Unreadable(name: name.shown, reason: "schema \(entry.schema), expected \(OutboxEntry.currentSchema)"))
            }
            return .success(entry)
        } catch {
            return .failure(Unreadable(name: name.shown, reason: "\(error)"))
        }
    }

    /// A waiting file that is not an entry: moved to `dropped/` as it is.
    package struct Unreadable: Error, Sendable, CustomStringConvertible {
        package var name: String
        package var reason: String
        package var description: String { "\(name): \(reason)" }
    }

    /// Rewrites a waiting entry after a failed attempt (its attempts, next time and last error).
    package func update(_ entry: OutboxEntry) throws(SystemCallError) {
        try directory.replaceFile(Self.fileName(entry.id), contents: Self.encode(entry), mode: 0o600)
    }

    /// Moves a delivered entry to `sent/`.
    package func markSent(_ entry: OutboxEntry) throws(SystemCallError) {
        try directory.replace(Self.fileName(entry.id), to: sent, as: Self.fileName(entry.id))
        try sent.synchronize()
        try directory.synchronize()
    }

    /// Writes the entry's last state, then moves it to `dropped/`.
    package func markDropped(_ entry: OutboxEntry) throws(SystemCallError) {
        try update(entry)
        try drop(Self.fileName(entry.id))
    }

    /// Moves the waiting file `name` to `dropped/` unchanged (an unreadable file).
    package func drop(_ name: FileName) throws(SystemCallError) {
        try directory.replace(name, to: dropped, as: name)
        try dropped.synchronize()
        try directory.synchronize()
    }

    /// Counts of each folder, for `nianbao notify --pending`.
    package func counts() throws(SystemCallError) -> (waiting: Int, sent: Int, dropped: Int) {
        func count(_ handle: DirectoryHandle) throws(SystemCallError) -> Int {
            var total = 0
            try handle.forEachEntry { (name, _) throws(SystemCallError) in
                if name.hasSuffix(Self.suffix), name.bytes.first != UInt8(ascii: ".") { total += 1 }
            }
            return total
        }
        return (try count(directory), try count(sent), try count(dropped))
    }

    /// Removes records in `sent/` and `dropped/` last changed before `cutoff` (µs since the epoch): the
    /// catch-up never looks that far back, so they can no longer stop a duplicate. Returns how many.
    @discardableResult
    package func prune(before cutoff: Int64) throws(SystemCallError) -> Int {
        var removed = 0
        for handle in [sent, dropped] {
            for name in try handle.entries() where name.hasSuffix(Self.suffix) {
                guard let status = try handle.status(of: name), status.kind == .regular else { continue }
                let changed = Int64(status.modified.seconds) * 1_000_000 + Int64(status.modified.nanoseconds / 1000)
                if changed < cutoff {
                    try handle.removeFile(name)
                    removed += 1
                }
            }
        }
        return removed
    }

    /// One line of JSON, keys sorted: the same entry always gives the same bytes.
    static func encode(_ entry: OutboxEntry) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain values cannot fail.
        return Array((try? encoder.encode(entry)) ?? Data()) + [UInt8(ascii: "\n")]
    }
}

extension Outbox {
    /// Takes the outbox for this process's deliveries (`flock` on its folder, released at exit), so
    /// that two notifiers never send the same entry; fails with `EWOULDBLOCK` while another holds it.
    package func lockForDelivery() throws(SystemCallError) {
        try SystemCall.run("flock", path: directory.path) { flock(directory.descriptor, LOCK_EX | LOCK_NB) }
    }

    /// The current time in microseconds since the epoch (`CLOCK_REALTIME`).
    package static func nowMicroseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1000
    }
}
