import BakeoffLedger
import BakeoffModel
import BakeoffRunner
import Foundation

extension RunRecorder {
    /// Records a run into `ledger` as it happens: its start, each environment and each observation in its own
    /// transaction, then its end. The runner and the ledger know nothing of each other; this is where they meet.
    static func into(_ ledger: Ledger) -> RunRecorder {
        let current = CurrentRun()
        return RunRecorder(
            began: { run in
                current.id = run.id
                try ledger.begin(run)
            },
            environment: { try ledger.record($0, run: current.id) },
            observed: { try ledger.record($0) },
            finished: { status, endedAt in try ledger.finish(run: current.id, status: status, endedAt: endedAt) })
    }
}

/// The id of the run being recorded, set when it begins.
private final class CurrentRun: @unchecked Sendable {
    private let lock = NSLock()
    private var value = ""
    var id: String {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
