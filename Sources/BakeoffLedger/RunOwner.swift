import Foundation

/// The process recording a run, told apart from a later process that reuses its pid: the pid, its start
/// time since boot (field 22 of `/proc/<pid>/stat`) and the boot id.
struct RunOwner: Equatable {
    var pid: Int32
    var startTicks: Int64
    var boot: String

    /// This process.
    static var current: RunOwner {
        let pid = ProcessInfo.processInfo.processIdentifier
        return RunOwner(pid: pid, startTicks: startTicks(of: pid) ?? 0, boot: bootID)
    }

    /// True while that very process exists (not a later one with the same pid, not one from before a reboot).
    var isAlive: Bool {
        guard boot == Self.bootID, let ticks = Self.startTicks(of: pid) else { return false }
        return ticks == startTicks
    }

    /// The kernel's id of this boot; empty where there is none (then only the pid and start time count).
    static let bootID: String =
        ((try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)) ?? "")
        .trimmingCharacters(in: .whitespacesAndNewlines)

    /// Field 22 of `/proc/<pid>/stat`, counted after the command name's closing parenthesis (the name may
    /// hold spaces); nil when there is no such process.
    static func startTicks(of pid: Int32) -> Int64? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state), so field 22 is fields[19].
        guard fields.count > 19, fields[0] != "Z", fields[0] != "X" else { return nil }
        return Int64(fields[19])
    }
}
