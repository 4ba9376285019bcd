import BakeoffModel
import Dispatch

/// A project's evidence opened on another core while the project's files are loaded: the ledger opened (and
/// created on a fresh clone), the run files imported, the recorded stack checks read, and the runs an evaluation
/// most likely reads fetched (`RunHistory.likelyEvidence`). Which runs it does read depends on the project, so
/// `history(reading:)` asks once the project is loaded, waits for the opening if it is still going, and reads
/// /// again in one piece when the guess missed. A command that stops before asking may leave the opening
/// unfinished: each run file is imported in its own transaction, so the ledger holds whole runs, and the next
/// command imports the rest.
public final class EvidenceReader: @unchecked Sendable {
    private let done = DispatchGroup()
    // Written once by the opening, inside `done`; read only after waiting for it.
    private var ledger: Result<Ledger, Error>?
    private var checks: Result<[CoInstallCheck], Error>?
    private var guess: RunHistory?

    /// Starts opening the evidence of the project at `projectRoot`.
    public static func start(projectRoot: String) -> EvidenceReader {
        let reader = EvidenceReader()
        DispatchQueue.global().async(group: reader.done) {
            reader.ledger = Result { try EvidenceStore.openLedger(projectRoot: projectRoot) }
            // A guess that cannot be read is no guess: `history` then reads in one piece and reports the error.
            reader.guess = try? reader.ledger?.get().history { $0.likelyEvidence }
            reader.checks = Result { try EvidenceStore.loadCoInstallChecks(projectRoot: projectRoot) }
        }
        return reader
    }

    /// Waits until the opening is over (nothing is left writing to the ledger); at once when it is.
    public func wait() { done.wait() }

    /// Every recorded run summarized, and in full the runs `reading` picks (see `Ledger.history`).
    public func history(reading: (RunHistory) throws -> Set<String>) throws -> RunHistory {
        wait()
        if let guess {
            let needed = try reading(guess)
            if needed.isSubset(of: guess.heldIDs) { return guess.holding(guess.runs.filter { needed.contains($0.id) }) }
        }
        return try ledger!.get().history(reading: reading)
    }

    /// The recorded co-install checks (see `EvidenceStore.loadCoInstallChecks`).
    public func coInstallChecks() throws -> [CoInstallCheck] {
        wait()
        return try checks!.get()
    }
}
