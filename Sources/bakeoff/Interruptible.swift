import ArgumentParser
import BakeoffRunner

extension Terminal {
    /// Runs `body` with Ctrl-C, TERM and a closed terminal stopping the commands it starts (uv, a browser) with
    /// their process trees instead of ending bakeoff at once; an interruption prints what it stopped and exits 130.
    static func interruptible<T>(_ body: (Interruption) throws -> T) throws -> T {
        let interruption = Interruption()
        interruption.catchSignals()
        defer { interruption.stopCatchingSignals() }
        do {
            return try body(interruption)
        } catch let stopped as Interrupted {
            error("error: \(stopped)")
            throw ExitCode(130)
        }
    }
}
