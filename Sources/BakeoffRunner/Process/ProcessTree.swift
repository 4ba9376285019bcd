import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One line of `/proc/<pid>/stat`, the fields the runner needs.
struct ProcessStat: Hashable {
    var pid: pid_t
    var state: UInt8
    var parent: pid_t
    var group: pid_t
    /// utime + stime + cutime + cstime, in clock ticks.
    var cpuTicks: Int64
    var startTime: UInt64
    var residentPages: Int64

    var isZombie: Bool { state == UInt8(ascii: "Z") || state == UInt8(ascii: "X") }

    /// Parses `/proc/<pid>/stat` from its bytes (this runs every sampling interval for every process);
    /// the command name may hold spaces and parentheses, so fields are counted from the last ')'.
    static func read(_ pid: pid_t) -> ProcessStat? {
        var path: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let fd = withUnsafeMutableBytes(of: &path) { raw -> Int32 in
            let text = "/proc/\(pid)/stat"
            let n = text.utf8.count
            guard n < raw.count else { return -1 }
            raw.copyBytes(from: text.utf8)
            raw[n] = 0
            return open(raw.baseAddress!.assumingMemoryBound(to: CChar.self), O_RDONLY | O_CLOEXEC)
        }
        guard fd >= 0 else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1024) { buffer -> ProcessStat? in
            let count = Glibc.read(fd, buffer.baseAddress, 1024)
            close(fd)
            guard count > 0 else { return nil }
            var i = count - 1
            while i > 0 && buffer[i] != UInt8(ascii: ")") { i -= 1 }
            guard i > 0, i + 2 < count else { return nil }
            // Fields after ')': 3 state, 4 ppid, 5 pgrp, ..., 14 utime, 15 stime, 16 cutime, 17 cstime,
            // 22 starttime, 24 rss (pages).
            var field = 3
            var values = (state: UInt8(0), ppid: Int64(0), pgrp: Int64(0), cpu: Int64(0), start: Int64(0), rss: Int64(0))
            var current: Int64 = 0
            var negative = false
            var j = i + 2
            values.state = buffer[j]
            while j < count && field <= 24 {
                let c = buffer[j]
                if c == UInt8(ascii: " ") || c == UInt8(ascii: "\n") {
                    let v = negative ? -current : current
                    switch field {
                    case 4: values.ppid = v
                    case 5: values.pgrp = v
                    case 14, 15, 16, 17: values.cpu += v
                    case 22: values.start = v
                    case 24: values.rss = v
                    default: break
                    }
                    field += 1
                    current = 0
                    negative = false
                } else if c == UInt8(ascii: "-") {
                    negative = true
                } else if c >= 48 && c <= 57 {
                    current = current &* 10 &+ Int64(c - 48)
                }
                j += 1
            }
            guard field > 24 else { return nil }
            return ProcessStat(
                pid: pid, state: values.state, parent: pid_t(values.ppid), group: pid_t(values.pgrp),
                cpuTicks: values.cpu, startTime: UInt64(values.start), residentPages: values.rss)
        }
    }

    /// Every process visible in /proc.
    static func all() -> [ProcessStat] {
        guard let dir = opendir("/proc") else { return [] }
        defer { closedir(dir) }
        var result: [ProcessStat] = []
        result.reserveCapacity(256)
        while let entry = readdir(dir) {
            let pid = withUnsafeBytes(of: entry.pointee.d_name) { raw -> pid_t? in
                var value: Int32 = 0
                for byte in raw {
                    if byte == 0 { break }
                    guard byte >= 48 && byte <= 57 else { return nil }
                    value = value * 10 + Int32(byte - 48)
                }
                return value > 0 ? value : nil
            }
            if let pid, let stat = read(pid) { result.append(stat) }
        }
        return result
    }
}

/// The process tree of one step: its process group plus every descendant of a member (which catches
/// children that moved to a group of their own), followed across samples by pid and start time.
final class ProcessTree: @unchecked Sendable {
    static let pageSize = Int64(sysconf(Int32(_SC_PAGESIZE)))
    static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

    let group: pid_t
    private let lock = NSLock()
    private var known: [pid_t: UInt64] = [:]
    private var peak: Int64 = 0
    private var samples = 0
    /// Groups other than `group` that members moved to, listed with the watchdog.
    private var adopted: Set<pid_t> = []

    init(leader: pid_t) {
        group = leader
    }

    /// The largest summed resident memory seen so far, in bytes.
    var peakBytes: Int64 { lock.withLock { peak } }
    var sampleCount: Int { lock.withLock { samples } }

    /// Records the tree's summed resident memory: a full /proc scan every `fullScanEvery`-th call (to
    /// find new members), the known members alone in between.
    func sample(fullScanEvery: Int = 5) {
        let n = lock.withLock { samples }
        let members = n % fullScanEvery == 0 ? scan() : knownMembers()
        let resident = members.reduce(Int64(0)) { $0 + $1.residentPages } * Self.pageSize
        lock.withLock {
            peak = max(peak, resident)
            samples += 1
        }
    }

    /// The members seen before that are still alive (same pid and start time).
    func knownMembers() -> [ProcessStat] {
        let members = lock.withLock { known }
        return members.compactMap { pid, start in
            guard let s = ProcessStat.read(pid), s.startTime == start, !s.isZombie else { return nil }
            return s
        }
    }

    /// Live members after the leader was reaped; skips the full scan when the group is empty and no
    /// member that left it is alive (the common case: nothing left behind).
    func survivors() -> [ProcessStat] {
        if kill(-group, 0) != 0, errno == ESRCH, knownMembers().isEmpty { return [] }
        return scan()
    }

    /// Live (non-zombie) members of the tree now.
    func scan() -> [ProcessStat] {
        let everything = ProcessStat.all()
        let knownNow = lock.withLock { known }
        var members: [pid_t: ProcessStat] = [:]
        for p in everything where !p.isZombie {
            if p.group == group || knownNow[p.pid] == p.startTime { members[p.pid] = p }
        }
        // Descendants of members, to a fixed point.
        var grew = true
        while grew {
            grew = false
            for p in everything where !p.isZombie && members[p.pid] == nil && members[p.parent] != nil {
                members[p.pid] = p
                grew = true
            }
        }
        let moved = lock.withLock { () -> [pid_t] in
            for p in members.values { known[p.pid] = p.startTime }
            // A member that made a group of its own (a daemonising server) is listed with the watchdog too.
            let fresh = Set(members.values.map(\.group)).subtracting([group]).subtracting(adopted)
            adopted.formUnion(fresh)
            return Array(fresh)
        }
        for g in moved { Watchdog.shared.adopt(g) }
        return Array(members.values)
    }

    /// Takes the tree's groups off the watchdog's list, once nothing of the tree is left.
    func releaseFromWatchdog() {
        let groups = lock.withLock { () -> Set<pid_t> in
            defer { adopted = [] }
            return adopted.union([group])
        }
        for g in groups { Watchdog.shared.release(g) }
    }

    /// Sends `signal` to the group and to every member that left it.
    func signal(_ signal: Int32) {
        kill(-group, signal)
        let members = lock.withLock { known }
        for (pid, start) in members where pid != group {
            if let s = ProcessStat.read(pid), s.startTime == start, s.group != group { kill(pid, signal) }
        }
    }

    /// True when no live process of the tree is left.
    func isEmpty() -> Bool {
        if kill(-group, 0) != 0, errno == ESRCH {
            let members = lock.withLock { known }
            return !members.contains { pid, start in
                guard let s = ProcessStat.read(pid) else { return false }
                return s.startTime == start && !s.isZombie
            }
        }
        return scan().isEmpty
    }
}
