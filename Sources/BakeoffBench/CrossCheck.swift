import BakeoffModel
import BakeoffScoring

/// Random decision problems scored by `Scorer`, exported with Swift's results so an independent implementation
/// (bench/scoring/crosscheck.py: pymcdm and numpy) can recompute them.
public enum CrossCheck {
    /// `count` random problems (2–8 tools × 2–6 criteria, one min-max indicator per criterion with a random
    /// direction, random weights), plus `monteCarlo` 6 × 5 problems with Swift's win probabilities, as JSON.
    public static func export(count: Int, monteCarlo: Int = 3, seed: UInt64, samples: Int = 100_000) throws -> String {
        var rng = Xoshiro256(seed: seed)
        var cases: [JSONValue] = []
        for index in 0..<(count + monteCarlo) {
            let isMonteCarlo = index >= count
            let tools = isMonteCarlo ? 6 : 2 + Int(rng.next() % 7)
            let criteria = isMonteCarlo ? 5 : 2 + Int(rng.next() % 5)
            var raw: [[Double]] = []
            for _ in 0..<tools { raw.append((0..<criteria).map { _ in (rng.uniform() * 1000).rounded() / 10 }) }
            // About one column in ten is constant: the zero-range rule (every value scores 10) is checked too.
            for j in 0..<criteria where rng.uniform() < 0.1 {
                for i in 0..<tools { raw[i][j] = raw[0][j] }
            }
            let higher = (0..<criteria).map { _ in rng.uniform() < 0.5 }
            let weights = (0..<criteria).map { _ in 1 + (rng.uniform() * 99).rounded() }
            let (project, stage) = problem(raw: raw, higher: higher, weights: weights)
            let board = try Scorer.score(project: project, history: .empty, options: ScoringOptions(samples: isMonteCarlo ? samples : 0, seed: seed))
            let card = board.stages[0]
            let toolIDs = stage.candidates.map(\.id)
            var entry: [String: JSONValue] = [
                "tools": .array(toolIDs.map { .string($0) }),
                "matrix": .array(raw.map { .array($0.map { .number($0) }) }),
                "types": .array(higher.map { .number($0 ? 1 : -1) }),
                "weights": .array(weights.map { .number($0) }),
                "totals": .array(toolIDs.map { id in .optional(card.tools.first { $0.tool == id }?.total) }),
                "ranking": .array(card.tools.filter { $0.rank != nil }.map { .string($0.tool) }),
                "topsis_ranking": .array((card.sensitivity?.topsisRanking ?? []).map { .string($0) }),
            ]
            if let m = card.matrix { entry["topsis_closeness"] = .array((SensitivityAnalysis.topsisCloseness(m) ?? []).map { .number($0) }) }
            if isMonteCarlo, let s = card.sensitivity {
                entry["win_probability"] = .array(toolIDs.map { .number(s.winProbability[$0] ?? 0) })
                entry["samples"] = .number(Double(samples))
                entry["concentration"] = .number(SensitivityAnalysis.concentration)
            }
            cases.append(.object(entry))
        }
        return JSONValue.object(["seed": .string(String(seed)), "cases": .array(cases)]).rendered()
    }

    /// A one-stage project whose criterion j has the single indicator `x_j`, a numeric fact, min-max normalized.
    static func problem(raw: [[Double]], higher: [Bool], weights: [Double]) -> (Project, Stage) {
        let day = Day(year: 2026, month: 1, day: 1)
        let criteria = higher.indices.map { j in
            Criterion(id: "c\(j)", title: "c\(j)", description: "", indicators: [
                Indicator(id: "x\(j)", title: "x\(j)", description: "", unit: "", direction: higher[j] ? .higher : .lower,
                          source: .fact(key: "x\(j)"), normalization: .minMax)
            ])
        }
        let tools = raw.indices.map { i in
            Tool(id: "t\(i)", name: "t\(i)", homepage: "", summary: "",
                 facts: raw[i].indices.map { Fact(key: "x\($0)", value: .number(raw[i][$0]), source: "https://example.org", asOf: day) })
        }
        let stage = Stage(id: "case", order: 1, title: "case", question: "", candidates: tools)
        let profile = Profile(id: "p", title: "p", description: "", weights: Dictionary(uniqueKeysWithValues: weights.indices.map { ("c\($0)", weights[$0]) }), rationale: [:])
        let team = Team(name: "x", company: .startup, dataScienceTeam: .core, product: "", members: [], poster: "", schedule: [], profile: "p",
                        stages: [StageAssignment(stage: "case", candidates: tools.map { Assessment(tool: $0.id, assessors: []) })])
        let project = Project(root: "/crosscheck", team: team, criteria: criteria,
                              costModel: CostModel(horizonMonths: 1, inputs: [:], basis: ""), profiles: [profile], stages: [stage])
        return (project, stage)
    }
}
