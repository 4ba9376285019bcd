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

    public init() {}

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
