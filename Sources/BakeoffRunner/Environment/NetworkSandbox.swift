import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs steps in a network namespace that holds only loopback, when the platform allows it.
///
/// One holder process per run owns the namespace (`unshare --net`, loopback brought up once); every step
/// enters it with `nsenter`, which execs the step without forking, so the step keeps the pid the runner
/// started and pays about a millisecond instead of a fresh namespace per step. The holder watches the
/// runner's pid and exits with it even if the runner is killed.
public struct NetworkSandbox: Sendable {
    /// The argv prefix that puts a command in the namespace; empty when not isolated.
    public var prefix: [String]
    /// `loopback-only`, or why steps share the host's network.
    public var description: String
    /// True when the runner can join the namespace itself (to poll a server's health there).
    public var canJoin: Bool
    let holder: Holder?

    public var isIsolated: Bool { !prefix.isEmpty }

    /// No isolation, for the reason given.
    public static func none(_ reason: String) -> NetworkSandbox {
        NetworkSandbox(prefix: [], description: reason, canJoin: false, holder: nil)
    }

    /// The process that keeps the namespace alive.
    final class Holder: @unchecked Sendable {
        let process: RunningProcess
        let folder: String
        init(process: RunningProcess, folder: String) {
            self.process = process
            self.folder = folder
        }
    }

    /// Tries `unshare --net` (root), then with `--map-root-user` (user namespaces); keeps the first whose
    /// namespace shows loopback alone. Call `close()` when the run ends.
    public static func probe() -> NetworkSandbox {
        // A runner that was killed could not remove its namespace folder: the next one does.
        Watchdog.removeStaleFolders()
        let path = StepEnvironment.basePath
        guard let unshare = Spawn.resolve("unshare", path: path), let nsenter = Spawn.resolve("nsenter", path: path)
        else { return .none("shared host network: unshare(1)/nsenter(1) not found") }
        guard let ip = Spawn.resolve("ip", path: path) else { return .none("shared host network: ip(8) not found to bring loopback up") }
        guard let sh = Spawn.resolve("sh", path: path) else { return .none("shared host network: no sh") }
        let script = "\(ip) link set lo up && echo ready && while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done"
        var lastError = ""
        for asRoot in [true, false] where !(asRoot && getuid() != 0) {
            let folder = NSTemporaryDirectory() + "bakeoff-netns-\(getpid())-\(UUID().uuidString.prefix(8))"
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let argv = [unshare, "--net"] + (asRoot ? [] : ["--map-root-user"]) + ["--", sh, "-c", script]
            let request = LaunchRequest(
                arguments: argv, environment: ["PATH": path, "LANG": "C.UTF-8"], directory: folder,
                stdoutPath: folder + "/out", stderrPath: folder + "/err")
            guard let process = try? RunningProcess(request, interval: 1) else { continue }
            let holder = Holder(process: process, folder: folder)
            let until = Clock.now() + 5_000_000_000
            while Clock.now() < until, !process.hasExited, read(folder + "/out") != "ready\n" { usleep(2000) }
            let pid = process.pid
            let prefix = asRoot
                ? [nsenter, "--net=/proc/\(pid)/ns/net", "--"]
                : [nsenter, "-t", String(pid), "--user", "--net", "--preserve-credentials", "--"]
            let sandbox = NetworkSandbox(prefix: prefix, description: "loopback-only", canJoin: asRoot, holder: holder)
            if read(folder + "/out") == "ready\n", sandbox.check(sh: sh, ip: ip) { return sandbox }
            lastError = StepOutput.tail(read(folder + "/err").trimmingCharacters(in: .whitespacesAndNewlines), lines: 1, bytes: 200)
            sandbox.close()
        }
        return .none("shared host network: unshare --net failed (\(lastError.isEmpty ? "no reason given" : lastError))")
    }

    /// Stops the holder; the namespace goes with it.
    public func close() {
        guard let holder else { return }
        _ = holder.process.stop(grace: 1)
        try? FileManager.default.removeItem(atPath: holder.folder)
    }

    /// True when a command run through the prefix sees one interface, loopback, up.
    private func check(sh: String, ip: String) -> Bool {
        let out = Command.run(prefix + [sh, "-c", "\(ip) -o link show | wc -l; \(ip) -o link show up | grep -c ' lo:'"],
            environment: ["PATH": StepEnvironment.basePath, "LANG": "C.UTF-8"], timeout: 10)
        return out.succeeded && out.stdout == "1\n1\n"
    }

    private static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Runs `body` on a fresh thread that has joined the sandbox's network namespace (or on a plain one
    /// when not isolated), and returns its result.
    func inNamespace<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let pid = canJoin ? holder?.process.pid : nil
        Thread.detachNewThread {
            if let pid {
                let fd = open("/proc/\(pid)/ns/net", O_RDONLY | O_CLOEXEC)
                if fd >= 0 {
                    // setns changes only this thread, which ends right after.
                    _ = setNamespace?(fd, 0x4000_0000)  // CLONE_NEWNET
                    Glibc.close(fd)
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
