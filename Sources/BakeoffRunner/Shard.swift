import BakeoffModel
import Foundation

/// One machine's share of a run (`bakeoff run --shard K/N`): whole stages (every candidate of a stage on one
/// machine, so a stage's comparison never crosses machines) and single integration pairs, dealt out so the N
/// shards together hold every unit exactly once.
public struct Shard: Hashable, Sendable {
    /// 1-based.
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// `K/N` with 1 ≤ K ≤ N, or nil.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else { return nil }
        self.init(index: k, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// What a shard can hold: a whole stage, or one pair of an integration.
    public enum Unit: Hashable, Sendable {
        case stage(String)
        case pair(integration: String, pair: String)

        /// A stable text key: `stage ID` or `pair INTEGRATION PAIR`, the dry-run's line and the tie-breaker.
        public var key: String {
            switch self {
            case .stage(let id): return "stage \(id)"
            case .pair(let integration, let pair): return "pair \(integration) \(pair)"
            }
        }
    }

    /// Deals `units` out to `count` shards and returns, per shard (index 0 is shard 1), its units in the
    /// given order.
    ///
    /// Longest expected work first, each to the shard with the least expected work so far (ties: the lower
    /// shard), units of equal cost in key order: the same inputs always give the same shards. `seconds` gives a
    /// unit's expected seconds; when it knows none, every unit counts 1 (balance by count); a unit it does not
    /// know counts the median of those it knows.
    public static func deal(_ units: [Unit], into count: Int, seconds: (Unit) -> Double?) -> [[Unit]] {
        let known = units.compactMap(seconds).sorted()
        let fallback = known.isEmpty ? 1 : known[known.count / 2]
        let costs = units.map { known.isEmpty ? 1 : (seconds($0) ?? fallback) }
        let order = units.indices.sorted { a, b in
            costs[a] != costs[b] ? costs[a] > costs[b] : units[a].key.utf8.lexicographicallyPrecedes(units[b].key.utf8)
        }
        var load = [Double](repeating: 0, count: max(1, count))
        var owner = [Int](repeating: 0, count: units.count)
        for i in order {
            let lightest = load.indices.min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 }!
            owner[i] = lightest
            load[lightest] += costs[i]
        }
        var shards = [[Unit]](repeating: [], count: max(1, count))
        for i in units.indices { shards[owner[i]].append(units[i]) }
        return shards
    }

    /// This shard's units of `units`.
    public func select(_ units: [Unit], seconds: (Unit) -> Double?) -> [Unit] {
        Self.deal(units, into: count, seconds: seconds)[index - 1]
    }
}

extension Shard {
    /// What `bakeoff run --shard K/N --dry-run` prints before the plan: one line per unit it holds
    /// (`shard 2/4: stage ID (tool, tool), expected 12.3 min`, `shard 2/4: pair INTEGRATION UP+DOWN, ...`) and a
    /// total line; stable and easy to grep.
    public func describe(_ kept: [(unit: Unit, tools: [String], seconds: Double?)]) -> [String] {
        func minutes(_ seconds: Double?) -> String {
            seconds.map { "expected \(Numbers.fixed($0 / 60, decimals: 1)) min" } ?? "expected time unknown (never measured)"
        }
        var lines = kept.map { item -> String in
            switch item.unit {
            case .stage(let id): return "shard \(description): stage \(id) (\(item.tools.joined(separator: ", "))), \(minutes(item.seconds))"
            case .pair(let integration, let pair): return "shard \(description): pair \(integration) \(pair), \(minutes(item.seconds))"
            }
        }
        let known = kept.compactMap(\.seconds)
        let total = known.isEmpty ? "" : ", expected \(Numbers.fixed(known.reduce(0, +) / 60, decimals: 1)) min"
            + (known.count < kept.count ? " for the \(known.count) measured" : "")
        lines.append(
            kept.isEmpty
                ? "shard \(description): nothing to run (every unit went to another shard)"
                : "shard \(description): \(kept.count) unit\(kept.count == 1 ? "" : "s")\(total)")
        return lines
    }
}

extension Shard {
    /// Each of `count` shards' units (`stage ID`, `pair INTEGRATION PAIR`) and expected minutes (nil: never
    /// measured), dealt as `run --shard` deals them from `runs` (the committed run files).
    public static func shares(
        project: Project, count: Int, repetitions: Int, runs: [Run]
    ) -> [(units: [String], minutes: Double?)] {
        let all = try? RunPlan.make(project: project, stages: [], tools: [])
        let pairs = project.integrations.isEmpty
            ? [] : ((try? IntegrationPlan.pairs(project: project, integrations: ["all"], tools: [])) ?? [])
        let estimate = WorkEstimate(runs: runs)
        return (1...count).map { k in
            var plan = all ?? RunPlan(projectRoot: project.root, entries: [])
            var mine = pairs
            let kept = plan.keep(shard: Shard(index: k, count: count), pairs: &mine, estimate: estimate, repetitions: repetitions)
            let known = kept.compactMap(\.seconds)
            return (kept.map(\.unit.key), known.isEmpty ? nil : known.reduce(0, +) / 60)
        }
    }
}
