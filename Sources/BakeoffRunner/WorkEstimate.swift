import BakeoffModel

/// How long a stage or pair is expected to take, from the recorded runs: what `--shard` balances on and what
/// docs/ci.md quotes per shard.
///
/// For each stage (or integration) and tool, the newest run holding observations of it gives the wall seconds
/// of one repetition (all its observations' wall time over the repetitions it reached) and, when that run
/// installed the environment, the install time.
public struct WorkEstimate: Sendable {
    struct Entry: Sendable {
        var perRepetition: Double
        var install: Double
    }

    /// `stage␀tool` → what the newest run measured.
    private var entries: [String: Entry] = [:]

    public init(runs: [Run]) {
        for run in runs.sorted(by: { ($0.startedAt, $0.id) > ($1.startedAt, $1.id) }) {
            var wall: [String: Double] = [:]
            var reps: [String: Int] = [:]
            for o in run.observations {
                let key = Self.key(o.stage, o.tool)
                wall[key, default: 0] += o.wallSeconds ?? 0
                reps[key] = max(reps[key] ?? 0, o.repetition)
            }
            for (key, seconds) in wall where entries[key] == nil {
                let install = run.environments.first { Self.key($0.stage, $0.tool) == key }?.installSeconds ?? 0
                entries[key] = Entry(perRepetition: seconds / Double(max(1, reps[key] ?? 1)), install: install)
            }
        }
    }

    /// Whether no run measured anything.
    public var isEmpty: Bool { entries.isEmpty }

    /// Expected seconds for `tools` of `stage` at `repetitions`, or nil when no run measured any of them; tools
    /// never measured count as the mean of those measured.
    public func seconds(stage: String, tools: [String], repetitions: Int) -> Double? {
        let known = tools.compactMap { entries[Self.key(stage, $0)] }
        guard !known.isEmpty else { return nil }
        let total = known.reduce(0) { $0 + $1.install + $1.perRepetition * Double(repetitions) }
        return total * Double(tools.count) / Double(known.count)
    }

    private static func key(_ stage: String, _ tool: String) -> String { "\(stage)\u{0}\(tool)" }
}
