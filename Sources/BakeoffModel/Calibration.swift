/// How fast the machine did a short fixed CPU workload when a run began: lets runs measured on different
/// machines be compared with a known caveat instead of silently.
///
/// The workload counts iterations of a fixed loop for a fixed time and keeps the median rate of three tries;
/// its name says how the loop was compiled, since a debug build runs it several times slower than a release one.
public struct Calibration: Hashable, Codable, Sendable {
    /// What was run, e.g. `xorshift64-100ms/release`; only rates of the same workload compare.
    public var workload: String
    /// The median of three tries, in loop iterations per second (higher is faster).
    public var iterationsPerSecond: Double

    public init(workload: String, iterationsPerSecond: Double) {
        self.workload = workload
        self.iterationsPerSecond = iterationsPerSecond
    }

    /// The share by which two machines' rates may differ before their runs are flagged (0.25 = 25 %).
    public static let defaultTolerance = 0.25

    /// Why runs compared within one stage may not be comparable.
    public struct Warning: Hashable, Sendable, CustomStringConvertible {
        public var stage: String
        /// The runs involved, sorted.
        public var runs: [String]
        /// One sentence, ready to print after `warning: `.
        public var message: String

        public var description: String { message }
    }

    /// Warnings for the runs each stage compares, by default the newest run holding observations of each
    /// tool of the stage (the evidence set scoring reads). See `compare(stage:runs:tolerance:)`.
    public static func compare(runs: [RunSummary], tolerance: Double = defaultTolerance) -> [Warning] {
        var used: [String: [String: RunSummary]] = [:]
        for run in runs.sorted(by: { ($0.startedAt, $0.id) > ($1.startedAt, $1.id) }) {
            for part in run.parts where used[part.stage]?[part.tool] == nil { used[part.stage, default: [:]][part.tool] = run }
        }
        return used.keys.sorted().flatMap { stage in
            compare(stage: stage, runs: Array(used[stage]!.values), tolerance: tolerance)
        }
    }

    /// Warnings for the runs one stage compares (duplicates ignored): runs calibrated with different workloads,
    /// and rates whose fastest exceeds the slowest by more than `tolerance` (a share: 0.25 = 25 %). Runs without a
    /// calibration (recorded before it existed) are left out: the evidence set already says when the machines
    /// named in their provenance differ.
    public static func compare(stage: String, runs: [RunSummary], tolerance: Double = defaultTolerance) -> [Warning] {
        var byID: [String: Calibration] = [:]
        for run in runs { if let c = run.provenance.calibration { byID[run.id] = c } }
        guard byID.count > 1 else { return [] }
        let calibrated = byID.keys.sorted().map { ($0, byID[$0]!) }
        if Set(calibrated.map(\.1.workload)).count > 1 {
            return [
                Warning(
                    stage: stage, runs: calibrated.map(\.0),
                    message: "stage \(stage) compares runs calibrated with different workloads ("
                        + calibrated.map { "\($0.0): \($0.1.workload)" }.joined(separator: ", ")
                        + "), so their machines cannot be compared; record them with the same bakeoff build")
            ]
        }
        guard let slowest = calibrated.min(by: { $0.1.iterationsPerSecond < $1.1.iterationsPerSecond }),
            let fastest = calibrated.max(by: { $0.1.iterationsPerSecond < $1.1.iterationsPerSecond }),
            slowest.1.iterationsPerSecond > 0
        else { return [] }
        let share = fastest.1.iterationsPerSecond / slowest.1.iterationsPerSecond - 1
        guard share > tolerance else { return [] }
        return [
                Warning(
                    stage: stage, runs: calibrated.map(\.0),
                    message: "stage \(stage) compares runs from machines whose calibration differs by "
                        + "\(Numbers.fixed(share * 100, decimals: 0)) % (more than \(Numbers.fixed(tolerance * 100, decimals: 0)) %): "
                        + "\(fastest.0) ran the calibration loop at \(Numbers.fixed(fastest.1.iterationsPerSecond / 1e6, decimals: 1)) M/s, "
                        + "\(slowest.0) at \(Numbers.fixed(slowest.1.iterationsPerSecond / 1e6, decimals: 1)) M/s; "
                        + "times measured on them are not like for like, re-run the stage on one machine")
        ]
    }
}
