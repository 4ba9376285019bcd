import BakeoffFiles
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Makes sure no process the runner started outlives it, however it ends (SIGKILL included).
///
/// A small `sh` started once per runner process, in a group of its own, reads a pipe whose only writer is
/// the runner; when the runner dies the kernel closes that end, the read returns, and the watchdog sends
/// TERM, then KILL a second later, to every process group listed in its file (the live steps, servers,
/// installers and the namespace holder; a step's member that moved to a group of its own is listed too).
/// The runner keeps the file current as processes start and are confirmed gone, so nothing it has already
/// stopped, or that it never started, is signalled. PR_SET_PDEATHSIG would reach only the direct child
/// (not a server's children) and fires when the spawning *thread* ends, so it is not used.
final class Watchdog: @unchecked Sendable {
    static let shared = Watchdog()

    private let lock = NSLock()
    private var groups: [pid_t: Int] = [:]
    private var started = false
    private var failed = false
    let listPath: String

    private init() {
        listPath = NSTemporaryDirectory() + "bakeoff-watch-\(getpid())"
    }

    /// Lists `group` for the watchdog (counted: a group adopted twice needs two releases).
    func adopt(_ group: pid_t) {
        guard group > 1 else { return }
        lock.withLock {
            startIfNeeded()
            groups[group, default: 0] += 1
            save()
        }
    }

    /// Removes `group` once the runner has seen it gone.
    func release(_ group: pid_t) {
        lock.withLock {
            guard let n = groups[group] else { return }
            if n <= 1 { groups.removeValue(forKey: group) } else { groups[group] = n - 1 }
            save()
        }
    }

    /// The groups listed now (for tests).
    var listed: Set<pid_t> { lock.withLock { Set(groups.keys) } }

    /// Writes the list whole, so the watchdog never reads half a file (not flushed: it lives as long as the runner).
    private func save() {
        try? AtomicFile.write(groups.keys.sorted().map { "\($0)\n" }.joined(), to: listPath, durable: false)
    }

    private func startIfNeeded() {
        guard !started, !failed else { return }
        var ends: [Int32] = [0, 0]
        // Swift's Glibc module does not show pipe2; the first spawn happens before any concurrent one.
        guard pipe(&ends) == 0 else {
            failed = true
            return
        }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        let list = Self.quoted(listPath)
        let temporary = Self.quoted(NSTemporaryDirectory())
        // `read` returns at end of file: the runner is gone. HUP and INT are ignored so a closed terminal or
        // a Ctrl-C aimed at the runner cannot take the watchdog with it. (dash's kill takes no `--`.)
        let script = """
            trap '' HUP INT
            read -r _
            if [ -s \(list) ]; then
              while read -r g; do kill -TERM "-$g" 2>/dev/null; done < \(list)
              sleep 1
              while read -r g; do kill -KILL "-$g" 2>/dev/null; done < \(list)
            fi
            rm -rf \(list) \(temporary).bakeoff-watch-\(getpid()).*.tmp \(temporary)bakeoff-netns-\(getpid())-* \(temporary)bakeoff-cmd-\(getpid())-*
            """
        let sh = Spawn.resolve("sh", path: StepEnvironment.basePath) ?? "/bin/sh"
        do {
            _ = try Spawn.start(
                executable: sh, arguments: ["sh", "-c", script], environment: ["PATH=\(StepEnvironment.basePath)"],
                directory: "/", stdout: "/dev/null", stderr: "/dev/null", stdin: .descriptor(ends[0]))
            started = true
        } catch {
            failed = true
        }
        // The runner keeps only the write end (close-on-exec, so no step inherits it); the watchdog holds the
        // read end as its stdin.
        close(ends[0])
    }

    /// `text` as one single-quoted shell word.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Removes what runners killed before they could clean up left in the temporary folder: namespace
    /// folders, command scratch folders and watchdog lists whose runner pid is no longer alive.
    static func removeStaleFolders(in folder: String = NSTemporaryDirectory()) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            guard let pid = ownerPID(name), pid != getpid(), kill(pid, 0) == -1, errno == ESRCH else { continue }
            try? fm.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
    }

    /// The runner pid in a name `bakeoff-netns-<pid>-…`, `bakeoff-cmd-<pid>-…` or `bakeoff-watch-<pid>`, or in the
    /// name of a watch list's temporary file (`.bakeoff-watch-<pid>.….tmp`, see `AtomicFile`).
    static func ownerPID(_ name: String) -> pid_t? {
        let watchTemporary = name.hasPrefix(".bakeoff-watch-") && name.hasSuffix(".tmp")
        let name = watchTemporary ? String(name.dropFirst()) : name
        for prefix in ["bakeoff-netns-", "bakeoff-cmd-", "bakeoff-watch-"] where name.hasPrefix(prefix) {
            let digits = name.dropFirst(prefix.count).prefix { $0.isNumber }
            guard !digits.isEmpty, let pid = pid_t(digits), pid > 1 else { return nil }
            let rest = name.dropFirst(prefix.count + digits.count)
            guard rest.isEmpty || rest.hasPrefix("-") || (watchTemporary && rest.hasPrefix(".")) else { return nil }
            return pid
        }
        return nil
    }
}
