import BakeoffModel

/// `data/runs.csv`: every recorded run, one row each, oldest first: what the evidence page lists only the newest of.
/// No I/O.
public enum RunListFormatter {
    public static func csv(_ history: RunHistory) -> String {
        var rows: [[String]] = [["run", "started", "ended", "status", "repetitions", "read_by_verdicts", "measured"]]
        for run in history.summaries {
            rows.append([
                run.id, run.startedAt, run.endedAt ?? "", run.status.rawValue, String(run.repetitions),
                history.run(run.id) == nil ? "no" : "yes", run.measured,
            ])
        }
        return rows.map(CSVField.line).joined()
    }
}
