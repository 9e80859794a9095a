#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// CPU time used so far, for benchmarks that report operations per CPU second as `openssl speed` does.
public enum CPUClock {
    /// Nanoseconds of CPU the calling thread has used.
    public static func threadNanoseconds() -> Int {
        nanoseconds(CLOCK_THREAD_CPUTIME_ID)
    }

    /// Nanoseconds of CPU all of the process's threads have used.
    public static func processNanoseconds() -> Int {
        nanoseconds(CLOCK_PROCESS_CPUTIME_ID)
    }

    private static func nanoseconds(_ clock: clockid_t) -> Int {
        var time = timespec()
        clock_gettime(clock, &time)
        return time.tv_sec * 1_000_000_000 + time.tv_nsec
    }
}
