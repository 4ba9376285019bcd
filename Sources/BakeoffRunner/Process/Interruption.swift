import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The user's Ctrl-C (or a TERM) for one run: a flag every wait loop checks, and the live process
/// trees to stop at once.
public final class Interruption: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    private var live: [ObjectIdentifier: RunningProcess] = [:]
    private var sources: [DispatchSourceSignal] = []

    public init() {}

    /// From now until `stopCatchingSignals()`, Ctrl-C, TERM and a closed terminal (HUP) call `notice` and
    /// request this interruption instead of ending bakeoff at once: the running commands are stopped with their
    /// process trees, and the code that started them ends cleanly (files kept or removed as it says).
    public func catchSignals(notice: @escaping @Sendable () -> Void = {}) {
        var added: [DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [self] in
                notice()
                request()
            }
            source.resume()
            added.append(source)
        }
        lock.withLock { sources += added }
    }

    /// Gives the three signals their default effect back.
    public func stopCatchingSignals() {
        let caught = lock.withLock { () -> [DispatchSourceSignal] in
            defer { sources = [] }
            return sources
        }
        for source in caught { source.cancel() }
        if !caught.isEmpty {
            for signalNumber in [SIGINT, SIGTERM, SIGHUP] { signal(signalNumber, SIG_DFL) }
        }
    }

    public var isRequested: Bool { lock.withLock { flag } }

    /// Sets the flag and sends TERM to every live process tree; the waiting code escalates to KILL
    /// after the grace period and records what was measured.
    public func request() {
        let processes = lock.withLock {
            flag = true
            return Array(live.values)
        }
        for p in processes { p.tree.signal(SIGTERM) }
    }

    func track(_ process: RunningProcess) {
        let stopNow = lock.withLock {
            live[ObjectIdentifier(process)] = process
            return flag
        }
        if stopNow { process.tree.signal(SIGTERM) }
    }

    func untrack(_ process: RunningProcess) {
        _ = lock.withLock { live.removeValue(forKey: ObjectIdentifier(process)) }
    }
}

/// The user stopped bakeoff (Ctrl-C, TERM) while a command it needed was running; nothing was recorded.
public struct Interrupted: Error, CustomStringConvertible, Sendable {
    /// What was running, e.g. "uv pip compile".
    public var what: String

    public init(_ what: String) {
        self.what = what
    }

    public var description: String { "interrupted while running \(what); nothing was written" }
}
