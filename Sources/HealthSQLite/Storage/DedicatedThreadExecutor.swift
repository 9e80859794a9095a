import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A serial executor that runs its jobs on one thread of its own, until ``shutDown()`` ends the thread.
///
/// SQLite calls block (a durable commit waits for fsync); running them on Swift's small cooperative pool
/// (two threads on a two-core machine) would stall every request. The database actor runs here instead.
///
/// The thread is a plain POSIX thread, not a Foundation `Thread`, so that its end can be waited for whole:
/// `pthread_join` returns once the thread is gone, its thread-local destructors included. A thread still ending
/// while the process exits races `exit`, which tears down the libraries (Foundation, ICU) that thread's
/// destructors use: healthctl crashed at exit that way ("double free or corruption" in ICU's teardown).
final class DedicatedThreadExecutor: SerialExecutor, @unchecked Sendable {
    // @unchecked: `jobs`, `isStopping` and `isJoined` are only touched with `condition` locked; `thread` is set in
    // `init`, before anything else can see the executor.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var isStopping = false
    private var isJoined = false
    private let name: String
    private var thread = pthread_t()

    init(name: String) {
        self.name = name
        // The thread holds the executor until it ends, so the executor outlives every job it runs.
        let context = Unmanaged.passRetained(self).toOpaque()
        let started = pthread_create(
            &thread, nil,
            { context in
                Unmanaged<DedicatedThreadExecutor>.fromOpaque(context!).takeRetainedValue().runLoop()
                return nil
            }, context)
        precondition(started == 0, "could not start the \(name) thread: \(started)")
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Lets the thread finish the jobs already queued, then end; returns at once.
    func stop() {
        condition.lock()
        isStopping = true
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread finish the jobs already queued, then end, and waits until it has ended (unless called on
    /// that thread, which cannot wait for itself). No job may be enqueued after this: it would never run.
    func shutDown() {
        stop()
        condition.lock()
        let mayJoin = !isJoined
        isJoined = true
        condition.unlock()
        guard mayJoin else { return }
        if pthread_equal(pthread_self(), thread) != 0 {
            pthread_detach(thread)
        } else {
            pthread_join(thread, nil)
        }
    }

    deinit {
        // Only once the thread has ended (it holds the executor): let the system reclaim it, unless joined.
        if !isJoined { pthread_detach(thread) }
    }

    private func runLoop() {
        Thread.current.name = name
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while jobs.isEmpty && !isStopping { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            swap(&batch, &jobs)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedSerialExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
