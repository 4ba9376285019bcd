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

    /// Parses `/proc/<pid>/stat`; the command name may hold spaces and parentheses, so fields are
    /// counted from the last ')'.
    static func read(_ pid: pid_t) -> ProcessStat? {
        var buffer = [UInt8](repeating: 0, count: 1024)
        let fd = open("/proc/\(pid)/stat", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, 1024) }
        close(fd)
        guard count > 0, let close = buffer[0..<count].lastIndex(of: UInt8(ascii: ")")) else { return nil }
        // Fields after ')': 3 state, 4 ppid, 5 pgrp, ..., 14 utime, 15 stime, 16 cutime, 17 cstime, 22 starttime, 24 rss.
        var fields: [Substring] = []
        fields.reserveCapacity(24)
        let text = String(decoding: buffer[(close + 2)..<count], as: UTF8.self)
        for field in text.split(separator: " ", maxSplits: 23) { fields.append(field) }
        guard fields.count >= 22, let state = fields[0].utf8.first else { return nil }
        func int(_ n: Int) -> Int64 { Int64(fields[n - 3]) ?? 0 }
        return ProcessStat(
            pid: pid, state: state, parent: pid_t(int(4)), group: pid_t(int(5)),
            cpuTicks: int(14) + int(15) + int(16) + int(17), startTime: UInt64(int(22)), residentPages: int(24))
    }

    /// Every process visible in /proc.
    static func all() -> [ProcessStat] {
        guard let dir = opendir("/proc") else { return [] }
        defer { closedir(dir) }
        var result: [ProcessStat] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> pid_t? in
                let bytes = raw.prefix { $0 != 0 }
                guard !bytes.isEmpty, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
                return pid_t(String(decoding: bytes, as: UTF8.self))
            }
            if let pid = name, let stat = read(pid) { result.append(stat) }
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

    init(leader: pid_t) {
        group = leader
    }

    /// The largest summed resident memory seen so far, in bytes.
    var peakBytes: Int64 { lock.withLock { peak } }
    var sampleCount: Int { lock.withLock { samples } }

    /// Finds the tree's live members (a full /proc scan) and records their summed resident memory.
    @discardableResult
    func sample() -> [ProcessStat] {
        let members = scan()
        let resident = members.reduce(Int64(0)) { $0 + $1.residentPages } * Self.pageSize
        lock.withLock {
            peak = max(peak, resident)
            samples += 1
        }
        return members
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
        lock.withLock {
            for p in members.values { known[p.pid] = p.startTime }
        }
        return Array(members.values)
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
