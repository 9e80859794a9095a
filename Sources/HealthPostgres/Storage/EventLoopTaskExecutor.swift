import NIOCore

/// Runs a task's jobs on one NIO event loop.
///
/// A leased connection does its I/O on its event loop. Left on Swift's global executor, a transaction would hop
/// threads twice per statement (the statement handed to the loop, the answer resumed back): on two cores those
/// wake-ups cost more than the statements. Preferring the connection's loop runs the whole transaction there, so a
/// statement is written and its answer resumed on the same thread, with one hop in and one out.
final class EventLoopTaskExecutor: TaskExecutor {
    private let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
