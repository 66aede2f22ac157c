import CLinuxShims
import DequeModule
import Dispatch
import Glibc
import Synchronization

/// A serial executor with a thread of its own, for an actor whose work blocks: file I/O, `syncfs`
/// barriers and a `pdftotext` conversion of up to 30 s would otherwise hold one of the few threads of
/// Swift's cooperative pool (two on a two-CPU machine, one on one CPU), and with it signal handling,
/// `STATUS=` updates and every other task of the process.
///
/// Jobs run one at a time in the order they were enqueued. ``stop()`` ends the thread once the jobs
/// enqueued before it have run; the owner calls it after its last use of the actor.
package final class DedicatedThreadExecutor: SerialExecutor, @unchecked Sendable {
    // @unchecked: the mutable state is the job queue behind `state`'s lock and the semaphore.
    private let state = Mutex<(jobs: Deque<UnownedJob>, stopping: Bool)>(([], false))
    private let available = DispatchSemaphore(value: 0)
    /// The thread's name (the kernel keeps its first 15 bytes).
    let name: String

    /// Starts the thread, named `name` (at most 15 bytes show in `top -H` and `/proc/<pid>/task/*/comm`).
    ///
    /// - Throws: ``SystemCallError`` when `pthread_create` fails (EAGAIN: the thread limit is reached).
    package init(name: String) throws(SystemCallError) {
        self.name = name
        let retained = Unmanaged.passRetained(self)
        var thread = pthread_t()
        do {
            try SystemCall.returningError("pthread_create") {
                pthread_create(
                    &thread, nil,
                    { context in
                        // The thread owns the executor until its loop ends.
                        let executor = Unmanaged<DedicatedThreadExecutor>.fromOpaque(context!).takeRetainedValue()
                        _ = nianbao_set_thread_name(executor.name)
                        executor.runJobs()
                        return nil
                    }, retained.toOpaque())
            }
        } catch {
            retained.release()
            throw error
        }
        pthread_detach(thread)
    }

    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        state.withLock { $0.jobs.append(job) }
        available.signal()
    }

    package func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Lets the thread end once the jobs already enqueued have run.
    package func stop() {
        state.withLock { $0.stopping = true }
        available.signal()
    }

    private func runJobs() {
        while true {
            available.wait()
            let next = state.withLock { state -> UnownedJob?? in
                if let job = state.jobs.popFirst() { return .some(job) }
                return state.stopping ? .none : .some(nil)
            }
            guard let job = next else { return }
            job?.runSynchronously(on: asUnownedSerialExecutor())
        }
    }
}
