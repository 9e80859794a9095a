import Foundation

/// The CPU time this process has used so far, all threads, user and system: what a load run costs whatever else
/// shares the machine.
enum ProcessCPUTime {
    /// Seconds of CPU since the process started.
    static func now() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    private static func seconds(_ time: timeval) -> Double {
        Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000
    }
}
