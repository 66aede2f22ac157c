import DequeModule
@preconcurrency import Dispatch
import Glibc
import Synchronization

/// The inotify events of one watched directory, as an `AsyncSequence`.
///
/// A Dispatch read source wakes only when the kernel has events, so an idle watch costs no CPU.
/// Events wait in a bounded buffer; when it is full the source is suspended, the kernel's own queue
/// fills, and the kernel reports `IN_Q_OVERFLOW` — memory stays bounded and no loss goes unreported.
/// Events about the directory itself (deleted, moved, unmounted, watch removed) are delivered like
/// any other; deciding that they are fatal is the consumer's business. Single consumer.
package final class InotifyEvents: AsyncSequence, Sendable {
    package typealias Element = InotifyEvent

    /// The watched directory's path, for messages.
    package let path: String
    private let core: Core
    private let source: any DispatchSourceRead

    /// Starts watching `path` for `mask` (`inotify_init1(IN_NONBLOCK|IN_CLOEXEC)` + `inotify_add_watch`).
    ///
    /// - Parameter bufferLimit: events held before reading pauses and the kernel queue takes over.
    /// - Throws: ``SystemCallError`` (e.g. `ENOENT`, `ENOTDIR`, `ENOSPC` when out of watches).
    package init(watching path: String, for mask: InotifyEventMask = .inbox, bufferLimit: Int = 4096) throws(SystemCallError) {
        let fd = try SystemCall.run("inotify_init1") { inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC)) }
        do {
            try SystemCall.run("inotify_add_watch", path: path) { inotify_add_watch(fd, path, mask.rawValue) }
        } catch {
            _ = Glibc.close(fd)
            throw error
        }
        self.path = path
        let core = Core(descriptor: fd, bufferLimit: Swift.max(1, bufferLimit))
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: DispatchQueue(label: "nianbao.inotify"))
        source.setEventHandler { core.readAvailable() }
        source.setCancelHandler { _ = Glibc.close(fd) }
        core.source = source
        self.core = core
        self.source = source
        source.activate()
    }

    deinit { finish() }

    /// Stops watching: a waiting `next()` returns nil, the descriptor is closed.
    package func finish() { core.finish() }

    package func makeAsyncIterator() -> AsyncIterator { AsyncIterator(core: core) }

    /// Delivers buffered events in kernel order; returns nil after ``finish()`` or when the waiting
    /// task is cancelled, and throws when reading the inotify descriptor failed.
    package struct AsyncIterator: AsyncIteratorProtocol {
        fileprivate let core: Core

        package mutating func next() async throws -> InotifyEvent? {
            try await core.next()
        }
    }
}

/// The shared state of a watch: the buffer filled on the Dispatch queue and drained by `next()`.
private final class Core: Sendable {
    struct State: ~Copyable {
        var events = Deque<InotifyEvent>()
        var waiter: CheckedContinuation<InotifyEvent?, any Error>?
        var failure: SystemCallError?
        var finished = false
        var suspended = false

        var count: Int { events.count }

        mutating func pop() -> InotifyEvent? { events.popFirst() }
    }

    let descriptor: CInt
    let bufferLimit: Int
    let state = Mutex(State())
    /// Set once, before the source is activated.
    nonisolated(unsafe) var source: (any DispatchSourceRead)?

    init(descriptor: CInt, bufferLimit: Int) {
        self.descriptor = descriptor
        self.bufferLimit = bufferLimit
    }

    /// Reads everything the kernel has (until `EAGAIN`); runs on the source's serial queue.
    func readAvailable() {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count: Int
            do {
                count = try SystemCall.run("read", path: "inotify") {
                    chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
                }
            } catch  where error.errno == .wouldBlock {
                return
            } catch {
                fail(error)
                return
            }
            if count == 0 { return }
            let events = chunk.withUnsafeBytes { InotifyEvent.parse(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            let (waiter, first) = state.withLock { state -> (CheckedContinuation<InotifyEvent?, any Error>?, InotifyEvent?) in
                guard !state.finished else { return (nil, nil) }
                state.events.append(contentsOf: events)
                if state.count >= bufferLimit && !state.suspended {
                    state.suspended = true
                    source?.suspend()
                }
                guard let waiter = state.waiter, let first = state.pop() else { return (nil, nil) }
                state.waiter = nil
                return (waiter, first)
            }
            waiter?.resume(returning: first)
            if state.withLock({ $0.suspended }) { return }
        }
    }

    func fail(_ error: SystemCallError) {
        let waiter = state.withLock { state -> CheckedContinuation<InotifyEvent?, any Error>? in
            state.failure = error
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(throwing: error)
    }

    func finish() {
        let waiter = state.withLock { state -> CheckedContinuation<InotifyEvent?, any Error>? in
            guard !state.finished else { return nil }
            state.finished = true
            if state.suspended {
                state.suspended = false
                source?.resume()
            }
            source?.cancel()
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// Takes the next event, resuming reading once the buffer is half empty.
    private func takeBuffered(_ state: inout State) -> InotifyEvent? {
        let event = state.pop()
        if state.suspended && state.count <= bufferLimit / 2 && !state.finished {
            state.suspended = false
            source?.resume()
        }
        return event
    }

    func next() async throws -> InotifyEvent? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<InotifyEvent?, any Error>) in
                let outcome = state.withLock { state -> Result<InotifyEvent?, any Error>? in
                    if let event = takeBuffered(&state) { return .success(event) }
                    if let failure = state.failure { return .failure(failure) }
                    if state.finished || Task.isCancelled { return .success(nil) }
                    state.waiter = continuation
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<InotifyEvent?, any Error>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: nil)
        }
    }
}
