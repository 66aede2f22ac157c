import Foundation
import Testing

/// A task executor that owns one thread of its own: jobs enqueued on it run there, one after another.
///
/// Swift's cooperative pool has one thread per CPU (two on the CI machine). A test that blocks a thread
/// (polling with `usleep`, `waitpid`, reading a child's output) must not do it on the pool, or every other
/// suite of the process — and the in-process daemons they run — waits behind it.
public final class BlockingThreadExecutor: TaskExecutor, @unchecked Sendable {
    /// Guards `jobs` and `stopped`, and wakes the thread.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopped = false

    /// Starts the thread, named `name` (shown in debuggers and crash reports).
    public init(name: String = BlockingThreadExecutor.threadName) {
        let thread = Thread { [self] in loop() }
        thread.name = name
        thread.stackSize = 1 << 22
        thread.start()
    }

    /// The key in the thread dictionary that marks this executor's threads.
    static let marker = "nianbao.blocking-thread"

    /// The name of the threads, by default (pthread names hold 15 bytes).
    public static let threadName = "nianbao-block"

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let accepted = condition.withLock {
            guard !stopped else { return false }
            jobs.append(job)
            condition.signal()
            return true
        }
        // A task started inside `offThePool` that outlives it still prefers this executor: run its jobs on a
        // thread of their own rather than never.
        if !accepted { Thread.detachNewThread { job.runSynchronously(on: self.asUnownedTaskExecutor()) } }
    }

    /// Lets the thread end once the jobs enqueued so far have run.
    public func shutdown() {
        condition.withLock {
            stopped = true
            condition.signal()
        }
    }

    private func loop() {
        Thread.current.threadDictionary[Self.marker] = true
        while true {
            let next: UnownedJob? = condition.withLock {
                while jobs.isEmpty && !stopped { condition.wait() }
                return jobs.isEmpty ? nil : jobs.removeFirst()
            }
            guard let next else { return }
            next.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Runs `body` — and whatever blocking code it calls — on a thread of its own instead of Swift's cooperative
/// pool. The task stays the same, so Swift Testing's `#expect` still knows which test it belongs to.
public func offThePool<T>(_ body: () async throws -> T) async rethrows -> T {
    let executor = BlockingThreadExecutor()
    defer { executor.shutdown() }
    return try await withTaskExecutorPreference(executor) { try await body() }
}

/// Runs each test of a suite (or one test) on a thread of its own (see ``offThePool(_:)``): for tests that
/// block, synchronously, on subprocesses, sleeps or the file system.
public struct OffThePoolTrait: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void)
        async throws
    {
        // The scope is provided once for the suite and once per test case; only a test case needs the thread.
        guard testCase != nil else { return try await function() }
        try await NianbaoTestSupport.offThePool { try await function() }
    }
}

extension Trait where Self == OffThePoolTrait {
    /// Runs the tests on threads of their own, off Swift's cooperative pool (they block synchronously).
    public static var offThePool: Self { OffThePoolTrait() }
}

/// Whether the current code runs on a ``BlockingThreadExecutor``'s thread (for tests of this support code).
public var isOnBlockingThread: Bool { Thread.current.threadDictionary[BlockingThreadExecutor.marker] as? Bool == true }
