import DequeModule

/// Files written in place (scp, sftp, Samba, editors), waiting to stay unchanged for the settle period.
///
/// After `IN_CLOSE_WRITE` a writer may reopen the file and go on; only a file whose size, mtime and
/// ctime have not changed for a whole settle period is claimed. Deadlines come in the order the
/// files were watched, so the next one is always at the front.
struct SettleTracker {
    /// The facts compared: any change means the writer is still at work.
    struct Snapshot: Hashable, Sendable {
        var size: Int
        var modified: FileTime
        var changed: FileTime
        var inode: UInt64

        init(_ status: FileStatus) {
            size = status.size
            modified = status.modified
            changed = status.changed
            inode = status.inode
        }
    }

    private struct Watch {
        var snapshot: Snapshot
        var generation: Int
    }

    let capacity: Int
    private var watches: [FileName: Watch] = [:]
    private var deadlines = Deque<(name: FileName, generation: Int, deadline: ContinuousClock.Instant)>()
    private var generation = 0

    init(capacity: Int) { self.capacity = capacity }

    var count: Int { watches.count }

    func contains(_ name: FileName) -> Bool { watches[name] != nil }

    /// Starts (or restarts) the settle period of `name`; false when too many files are settling.
    @discardableResult
    mutating func watch(_ name: FileName, snapshot: Snapshot, until deadline: ContinuousClock.Instant) -> Bool {
        guard watches[name] != nil || watches.count < capacity else { return false }
        generation += 1
        watches[name] = Watch(snapshot: snapshot, generation: generation)
        deadlines.append((name, generation, deadline))
        return true
    }

    mutating func remove(_ name: FileName) { watches[name] = nil }

    /// The earliest deadline still pending.
    mutating func nextDeadline() -> ContinuousClock.Instant? {
        dropStale()
        return deadlines.first?.deadline
    }

    /// Removes and returns the files whose settle period ended by `now`, with the snapshot taken
    /// when it began; the caller compares it with the file as it is now.
    mutating func due(at now: ContinuousClock.Instant) -> [(FileName, Snapshot)] {
        var ready: [(FileName, Snapshot)] = []
        while true {
            dropStale()
            guard let entry = deadlines.first, entry.deadline <= now else { break }
            deadlines.removeFirst()
            if let watch = watches.removeValue(forKey: entry.name) { ready.append((entry.name, watch.snapshot)) }
        }
        return ready
    }

    /// Skips deadlines superseded by a later watch of the same name, or of a removed name.
    private mutating func dropStale() {
        while let entry = deadlines.first, watches[entry.name]?.generation != entry.generation {
            deadlines.removeFirst()
        }
    }
}
