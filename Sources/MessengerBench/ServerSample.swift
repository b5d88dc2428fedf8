import Foundation

/// The server's CPU time and resident memory at one moment, read from
/// /proc/PID/stat and /proc/PID/status (Linux).
public struct ServerSample: Sendable, Hashable, Codable {
    /// User plus system CPU time in milliseconds.
    public var cpuMilliseconds: Double
    /// VmRSS in KiB.
    public var rssKiB: Int

    public init(cpuMilliseconds: Double, rssKiB: Int) {
        self.cpuMilliseconds = cpuMilliseconds
        self.rssKiB = rssKiB
    }

    /// Parses the two files' text. `clockTicksPerSecond` is `sysconf(_SC_CLK_TCK)`.
    /// The command name in /proc/PID/stat may hold spaces and parentheses, so
    /// fields are counted from the last ")".
    public static func parse(stat: String, status: String, clockTicksPerSecond: Int) -> ServerSample? {
        guard clockTicksPerSecond > 0, let close = stat.lastIndex(of: ")") else { return nil }
        // After ")": field 3 (state) onwards; utime is field 14, stime field 15.
        let fields = stat[stat.index(after: close)...].split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard fields.count > 12, let utime = UInt64(fields[11]), let stime = UInt64(fields[12]) else { return nil }
        var rss: Int?
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let parts = line.dropFirst("VmRSS:".count).split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 2, parts[1] == "kB" else { return nil }
            rss = Int(parts[0])
        }
        guard let rss else { return nil }
        return ServerSample(cpuMilliseconds: Double(utime + stime) * 1000 / Double(clockTicksPerSecond), rssKiB: rss)
    }

    /// Reads the live process; nil when it is gone or the files are unreadable.
    public static func read(pid: Int32) -> ServerSample? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        else { return nil }
        return parse(stat: stat, status: status, clockTicksPerSecond: sysconf(Int32(_SC_CLK_TCK)))
    }
}
