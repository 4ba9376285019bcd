import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs steps in a network namespace that holds only loopback, when the platform allows it.
public struct NetworkSandbox: Sendable, Hashable {
    /// The argv prefix that puts a command in a fresh loopback-only namespace; empty when not isolated.
    public var prefix: [String]
    /// `loopback-only`, or why steps share the host's network.
    public var description: String
    /// True when the runner can enter a step's namespace itself (to poll a server's health there).
    public var canJoin: Bool

    public var isIsolated: Bool { !prefix.isEmpty }

    /// No isolation, for the reason given.
    public static func none(_ reason: String) -> NetworkSandbox {
        NetworkSandbox(prefix: [], description: reason, canJoin: false)
    }

    /// Tries `unshare -n` (root), then `unshare -n --map-root-user` (user namespaces), each bringing `lo`
    /// up before exec'ing the step; keeps the first that works. `unshare` execs without forking, so the
    /// step keeps the pid the runner started.
    public static func probe() -> NetworkSandbox {
        let path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        guard let unshare = Spawn.resolve("unshare", path: path) else { return .none("shared host network: unshare(1) not found") }
        guard let ip = Spawn.resolve("ip", path: path) else { return .none("shared host network: ip(8) not found to bring loopback up") }
        guard let sh = Spawn.resolve("sh", path: path) else { return .none("shared host network: no sh") }
        let script = "\(ip) link set lo up && exec \"$@\""
        var lastError = ""
        for extra in [[], ["--map-root-user"]] {
            let prefix = [unshare, "--net"] + extra + ["--", sh, "-c", script, "bakeoff-netns"]
            let (ok, error) = check(prefix + [sh, "-c", "\(ip) -o link show | grep -v ' lo:' | wc -l"])
            if ok {
                return NetworkSandbox(prefix: prefix, description: "loopback-only", canJoin: getuid() == 0)
            }
            lastError = error
        }
        return .none("shared host network: unshare --net failed (\(lastError.isEmpty ? "no reason given" : lastError))")
    }

    /// Runs the probe; true when it printed 0 (no interface but loopback).
    private static func check(_ argv: [String]) -> (Bool, String) {
        let folder = NSTemporaryDirectory() + "bakeoff-netns-\(getpid())-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let request = LaunchRequest(
            arguments: argv, environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"],
            directory: folder, stdoutPath: folder + "/out", stderrPath: folder + "/err")
        guard let process = try? RunningProcess(request) else { return (false, "cannot start unshare") }
        let result = process.wait(timeout: 10, grace: 1)
        let out = (try? String(contentsOfFile: folder + "/out", encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: folder + "/err", encoding: .utf8)) ?? ""
        let ok = result.exitCode == 0 && out.trimmingCharacters(in: .whitespacesAndNewlines) == "0"
        return (ok, StepOutput.tail(err.trimmingCharacters(in: .whitespacesAndNewlines), lines: 1, bytes: 200))
    }

    /// Runs `body` on a fresh thread that has joined the network namespace of `pid` (or on a plain one
    /// when not isolated), and returns its result.
    func inNamespace<T: Sendable>(of pid: pid_t, _ body: @escaping @Sendable () -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let isolated = isIsolated
        Thread.detachNewThread {
            if isolated {
                let fd = open("/proc/\(pid)/ns/net", O_RDONLY | O_CLOEXEC)
                if fd >= 0 {
                    // setns changes only this thread, which ends right after.
                    _ = setNamespace?(fd, 0x4000_0000)  // CLONE_NEWNET
                    close(fd)
                }
            }
            box.value = body()
            done.signal()
        }
        done.wait()
        return box.value!
    }
}

private typealias SetNamespace = @convention(c) (Int32, Int32) -> Int32

/// setns(2): glibc exports it, but its header hides it from Swift's importer.
private let setNamespace: SetNamespace? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setns") else { return nil }
    return unsafeBitCast(symbol, to: SetNamespace.self)
}()

final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
