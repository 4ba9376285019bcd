import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What to start.
public struct LaunchRequest: Sendable {
    /// argv; argv[0] is resolved on the environment's PATH unless it holds a '/'.
    public var arguments: [String]
    public var environment: [String: String]
    public var directory: String
    public var stdoutPath: String
    public var stderrPath: String
    /// A file the process reads as its stdin; nil: /dev/null.
    public var stdinPath: String?

    public init(
        arguments: [String], environment: [String: String], directory: String, stdoutPath: String, stderrPath: String,
        stdinPath: String? = nil
    ) {
        self.arguments = arguments
        self.environment = environment
        self.directory = directory
        self.stdoutPath = stdoutPath
        self.stderrPath = stderrPath
        self.stdinPath = stdinPath
    }
}

/// How a process tree ended and what it used.
public struct ProcessMeasurement: Sendable, Hashable {
    public var wallSeconds: Double
    /// User + system CPU of the leader and the descendants it waited for (wait4), plus the CPU of any
    /// member still alive when the leader exited (from /proc, just before they were stopped).
    public var cpuSeconds: Double
    /// The largest summed resident memory of the tree over the samples; nil when the step ended before
    /// the first sample (2 ms). Not `ru_maxrss`: that is one process, and a spawned child starts with
    /// the spawning process's high-water mark.
    public var peakMemoryBytes: Int64?
    /// The leader's exit code; nil when it was ended by a signal.
    public var exitCode: Int32?
    /// The signal that ended the leader, if any.
    public var signal: Int32?
    public var timedOut: Bool
    public var interrupted: Bool
    /// Processes of the tree still alive after the leader exited (stopped by the runner).
    public var leftovers: Int
}

/// A started process group, measured until it is gone.
///
/// One thread blocks in `wait4` on the leader (so the end time is exact), one samples the tree every
/// `interval`; the caller waits with a deadline and stops the group with TERM, a grace period, then KILL.
public final class RunningProcess: @unchecked Sendable {
    public let pid: pid_t
    let tree: ProcessTree
    let started: UInt64
    private let exited = DispatchGroup()
    private let samplerDone = DispatchGroup()
    private var status: Int32 = 0
    private var usage = rusage()
    private var ended: UInt64 = 0
    private let lock = NSLock()
    private var stopping = false

    /// Starts `request` in its own process group; throws when the command cannot be found or started.
    public init(_ request: LaunchRequest, interval: Double = 0.02) throws {
        guard let command = request.arguments.first else { throw SpawnError(command: "(empty command)", code: ENOENT) }
        let path = request.environment["PATH"] ?? "/usr/bin:/bin"
        guard let executable = Spawn.resolve(command, path: path) else {
            throw SpawnError(command: "'\(command)' (not found on PATH=\(path))", code: ENOENT)
        }
        let environment = request.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        started = Clock.now()
        pid = try Spawn.start(
            executable: executable, arguments: request.arguments, environment: environment,
            directory: request.directory, stdout: request.stdoutPath, stderr: request.stderrPath,
            stdin: request.stdinPath.map(Spawn.Input.file) ?? .null)
        tree = ProcessTree(leader: pid)
        Watchdog.shared.adopt(pid)
        exited.enter()
        samplerDone.enter()
        let leader = pid
        Thread.detachNewThread { [self] in
            var status: Int32 = 0
            var usage = rusage()
            while wait4(leader, &status, 0, &usage) == -1 && errno == EINTR {}
            let end = Clock.now()
            lock.withLock {
                self.status = status
                self.usage = usage
                self.ended = end
            }
            exited.leave()
        }
        Thread.detachNewThread { [self] in
            // posix_spawn returns after the exec, so even the first sample sees the step, not the runner.
            var pause = 2
            while exited.wait(timeout: .now() + .milliseconds(pause)) == .timedOut {
                tree.sample()
                pause = Int(interval * 1000)
            }
            samplerDone.leave()
        }
    }

    /// Seconds since the start.
    public var elapsed: Double { Clock.seconds(from: started, to: Clock.now()) }

    /// True once the leader has been reaped.
    public var hasExited: Bool { exited.wait(timeout: .now()) == .success }

    /// Waits until the leader exits, until `timeout` seconds after the start (then stops the group and
    /// reports `timedOut`), or until `shouldStop` answers true (then stops it and reports `interrupted`).
    /// Calls `tick` about twice a second with the elapsed seconds.
    public func wait(
        timeout: Double, grace: Double, shouldStop: () -> Bool = { false }, tick: (Double) -> Void = { _ in }
    ) -> ProcessMeasurement {
        let deadline = started + UInt64(max(0, timeout) * 1e9)
        var timedOut = false
        var interrupted = false
        while true {
            let now = Clock.now()
            if now >= deadline {
                timedOut = true
                break
            }
            let slice = min(deadline - now, 250_000_000)
            if exited.wait(timeout: .now() + .nanoseconds(Int(slice))) == .success { break }
            if shouldStop() {
                interrupted = true
                break
            }
            tick(elapsed)
        }
        if timedOut || interrupted { terminate(grace: grace) }
        return finish(grace: grace, timedOut: timedOut, interrupted: interrupted)
    }

    /// TERM to the whole tree, `grace` seconds for the leader to exit, then KILL.
    func terminate(grace: Double) {
        lock.withLock { stopping = true }
        tree.signal(SIGTERM)
        if exited.wait(timeout: .now() + .nanoseconds(Int(grace * 1e9))) == .timedOut {
            tree.signal(SIGKILL)
            exited.wait()
        }
    }

    /// Stops the process (TERM, grace, KILL) and returns what it used.
    public func stop(grace: Double) -> ProcessMeasurement {
        if !hasExited { terminate(grace: grace) }
        return finish(grace: grace, timedOut: false, interrupted: false)
    }

    /// After the leader is reaped: account and stop what is left of the tree, and make sure it is gone.
    private func finish(grace: Double, timedOut: Bool, interrupted: Bool) -> ProcessMeasurement {
        exited.wait()
        samplerDone.wait()
        let (status, usage, ended) = lock.withLock { (self.status, self.usage, self.ended) }
        let samples = tree.sampleCount
        let peak = tree.peakBytes
        let survivors = tree.survivors()
        let leftoverTicks = survivors.reduce(Int64(0)) { $0 + $1.cpuTicks }
        if !survivors.isEmpty { stopTree(grace: grace) }
        tree.releaseFromWatchdog()
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime) + Double(leftoverTicks) / ProcessTree.ticksPerSecond
        let exitedNormally = (status & 0x7f) == 0
        return ProcessMeasurement(
            wallSeconds: Clock.seconds(from: started, to: ended), cpuSeconds: cpu,
            peakMemoryBytes: samples > 0 ? peak : nil,
            exitCode: exitedNormally ? (status >> 8) & 0xff : nil, signal: exitedNormally ? nil : status & 0x7f,
            timedOut: timedOut, interrupted: interrupted, leftovers: timedOut || interrupted ? 0 : survivors.count)
    }

    /// TERM, then up to `grace` seconds polling every 10 ms, then KILL until nothing of the tree is left.
    func stopTree(grace: Double) {
        tree.signal(SIGTERM)
        let until = Clock.now() + UInt64(grace * 1e9)
        while Clock.now() < until {
            if tree.isEmpty() { return }
            usleep(10_000)
        }
        for _ in 0..<200 {
            tree.signal(SIGKILL)
            if tree.isEmpty() { return }
            usleep(10_000)
        }
    }

    /// True when no live process of the tree is left.
    public func isGone() -> Bool { hasExited && tree.isEmpty() }

    /// The tree's summed resident memory now (a full /proc scan), in bytes; nil once nothing of it is alive.
    public func residentBytesNow() -> Int64? {
        let members = tree.scan()
        guard !members.isEmpty else { return nil }
        return members.reduce(Int64(0)) { $0 + $1.residentPages } * ProcessTree.pageSize
    }
}
