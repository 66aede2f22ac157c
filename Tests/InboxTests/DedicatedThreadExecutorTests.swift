import Dispatch
import Foundation
import Glibc
import Synchronization
import Testing

@testable import Inbox

/// An actor on a ``DedicatedThreadExecutor`` may block without holding the cooperative pool.
@Suite struct DedicatedThreadExecutorTests {
    /// Blocks its thread on request, like the engine in a long PDF conversion.
    actor Blocker {
        nonisolated let executor: DedicatedThreadExecutor
        nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
        var order: [Int] = []

        init(executor: DedicatedThreadExecutor) { self.executor = executor }

        func block(until released: Release) {
            while !released.done.load(ordering: .acquiring) { usleep(1_000) }
        }

        func record(_ value: Int) { order.append(value) }

        func threadName() -> String {
            (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))?
                .trimmingCharacters(in: .newlines) ?? ""
        }
    }

    /// Set by the test to let a blocked actor go on.
    final class Release: Sendable {
        let done = Atomic<Bool>(false)
    }

    /// The names of this process's threads.
    static func threadNames() -> [String] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.compactMap { try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8) }
            .map { $0.trimmingCharacters(in: .newlines) }
    }

    @Test func blockedActorsLeaveTheCooperativePoolFree() async throws {
        // More blocked actors than the pool has threads: were they on the pool, nothing else could run.
        let count = ProcessInfo.processInfo.activeProcessorCount + 1
        let executors = try (0..<count).map { try DedicatedThreadExecutor(name: "test-blocker-\($0)") }
        defer { for executor in executors { executor.stop() } }
        let released = Release()
        // A fail-safe, so a regression fails the test instead of hanging the suite. Not a speed budget: the other
        // suites' CPU-bound tests may hold the two pool threads for a minute on a busy machine.
        DispatchQueue.global().asyncAfter(deadline: .now() + 600) { released.done.store(true, ordering: .releasing) }
        let blocked = executors.map { executor in
            let blocker = Blocker(executor: executor)
            return Task { await blocker.block(until: released) }
        }
        try await Task.sleep(for: .milliseconds(50))
        // Ran while every blocker still blocked (not only once the fail-safe let them go): they do not hold the pool.
        let ranWhileBlocked = await Task.detached { !released.done.load(ordering: .acquiring) }.value
        #expect(ranWhileBlocked, "a task waited for the blocked actors")
        released.done.store(true, ordering: .releasing)
        for task in blocked { await task.value }
    }

    @Test func jobsRunInOrderOnTheNamedThread() async throws {
        let executor = try DedicatedThreadExecutor(name: "test-ordered")
        defer { executor.stop() }
        let blocker = Blocker(executor: executor)
        #expect(await blocker.threadName() == "test-ordered")
        for value in 0..<100 { await blocker.record(value) }
        #expect(await blocker.order == Array(0..<100))
    }

    @Test func stopEndsTheThread() async throws {
        let name = "test-stop-\(getpid() % 1000)"
        var executor: DedicatedThreadExecutor? = try DedicatedThreadExecutor(name: name)
        let blocker = Blocker(executor: executor!)
        await blocker.record(1)
        #expect(Self.threadNames().contains(name))
        executor?.stop()
        executor = nil
        var gone = false
        for _ in 0..<500 where !gone {
            gone = !Self.threadNames().contains(name)
            if !gone { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(gone, "the thread \(name) is still running after stop()")
        _ = blocker
    }
}
