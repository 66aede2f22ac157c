import DequeModule

/// The names waiting to be claimed, first come first served, each at most once.
///
/// Names only, never contents, and at most `capacity` of them: past that the queue notes that it
/// overflowed and the daemon rescans the inbox once the queue has drained, so memory stays bounded
/// however large the backlog.
struct ReportQueue {
    let capacity: Int
    private var names = Deque<FileName>()
    private var members: Set<FileName> = []
    /// Set when a name was turned away because the queue was full.
    private(set) var overflowed = false

    init(capacity: Int) { self.capacity = capacity }

    var count: Int { names.count }
    var isEmpty: Bool { names.isEmpty }

    func contains(_ name: FileName) -> Bool { members.contains(name) }

    /// Appends `name` unless it is already waiting; false when the queue is full.
    @discardableResult
    mutating func enqueue(_ name: FileName) -> Bool {
        guard !members.contains(name) else { return true }
        guard count < capacity else {
            overflowed = true
            return false
        }
        names.append(name)
        members.insert(name)
        return true
    }

    /// Removes and returns up to `limit` names from the front.
    mutating func take(upTo limit: Int) -> [FileName] {
        let taken = Array(names.prefix(max(0, limit)))
        names.removeFirst(taken.count)
        for name in taken { members.remove(name) }
        return taken
    }

    /// Clears the overflow mark; returns whether it was set.
    mutating func resetOverflow() -> Bool {
        defer { overflowed = false }
        return overflowed
    }
}
