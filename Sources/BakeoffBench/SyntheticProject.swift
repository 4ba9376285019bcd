import BakeoffModel
import BakeoffScoring

/// Generated projects for benchmarks and cross-checks: every indicator source, seeded, no files.
public enum SyntheticProject {
    /// A project of `stages` stages × `tools` candidates × `indicators` indicators (spread over five criteria and
    /// every source kind: step wall/memory/metric, numeric, categorical and boolean facts, capability, cost,
    /// integrations) with one run of three repetitions per step, some steps failed.
    public static func make(stages stageCount: Int, tools toolCount: Int, indicators indicatorCount: Int, seed: UInt64 = 1)
        -> (project: Project, runs: [Run])
    {
        var rng = Xoshiro256(seed: seed)
        func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * rng.uniform() }
        func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
        let criterionIDs = ["cost", "lock-in", "support", "interoperability", "performance"]
        let steps = (1...4).map { "step\($0)" }
        let licenses = ["Apache-2.0", "MIT", "GPL-3.0", "AGPL-3.0", "BUSL-1.1", "proprietary", "WTFPL"]

        var buckets = [[Indicator]](repeating: [], count: criterionIDs.count)
        for k in 0..<indicatorCount {
            let id = "ind\(k)"
            let indicator: Indicator
            switch k % 10 {
            case 0: indicator = Indicator(id: id, title: id, description: "", unit: "USD", direction: .lower, source: .totalCostOfOwnership, normalization: .minMax)
            case 1: indicator = Indicator(id: id, title: id, description: "", unit: "licence", direction: .higher, source: .fact(key: "license"),
                                          normalization: .map(["Apache-2.0": 10, "MIT": 10, "GPL-3.0": 6, "AGPL-3.0": 5, "BUSL-1.1": 3, "proprietary": 0], default: nil))
            case 2: indicator = Indicator(id: id, title: id, description: "", unit: "yes/no", direction: .higher, source: .fact(key: "commercial_support"),
                                          normalization: .map(["true": 10, "false": 3], default: nil))
            case 3: indicator = Indicator(id: id, title: id, description: "", unit: "days", direction: .lower, source: .fact(key: "release_cadence_days"),
                                          normalization: .linear(worst: 365, best: 14))
            case 4: indicator = Indicator(id: id, title: id, description: "", unit: "tools", direction: .higher, source: .integrationCount, normalization: .minMax)
            case 5: indicator = Indicator(id: id, title: id, description: "", unit: "share", direction: .higher, source: .capability, normalization: .linear(worst: 0, best: 1))
            case 6: indicator = Indicator(id: id, title: id, description: "", unit: "s", direction: .lower, source: .step(id: pick(steps), measure: .wall), normalization: .ratioToBest)
            case 7: indicator = Indicator(id: id, title: id, description: "", unit: "bytes", direction: .lower, source: .step(id: pick(steps), measure: .memory), normalization: .minMax)
            case 8: indicator = Indicator(id: id, title: id, description: "", unit: "ops/s", direction: .higher, source: .step(id: pick(steps), measure: .metric("throughput")), normalization: .ratioToBest)
            default: indicator = Indicator(id: id, title: id, description: "", unit: "", direction: .higher, source: .fact(key: "contributors"), normalization: .minMax, weight: 2)
            }
            buckets[k % criterionIDs.count].append(indicator)
        }
        let criteria = criterionIDs.enumerated().map { Criterion(id: $1, title: $1, description: "", indicators: buckets[$0]) }

        let scenario = Scenario(description: "", parameters: [], steps: steps.map { ScenarioStep(id: $0, title: $0, description: "", timeoutSeconds: 60) })
        let day = Day(year: 2026, month: 11, day: 29)
        var stages: [Stage] = []
        var observations: [Observation] = []
        for s in 0..<stageCount {
            let stageID = "stage\(s)"
            var tools: [Tool] = []
            for t in 0..<toolCount {
                let toolID = "s\(s)t\(t)"
                func fact(_ key: String, _ value: FactValue) -> Fact { Fact(key: key, value: value, source: "https://example.org/\(toolID)", asOf: day) }
                var facts = [
                    fact("license", .text(pick(licenses))),
                    fact("hosting", .text(pick(["self-hosted", "both", "saas"]))),
                    fact("pricing.model", .text(pick(["free", "per-seat", "free-and-paid"]))),
                    fact("release_cadence_days", .number((uniform(7, 400)).rounded())),
                    fact("contributors", .number(uniform(1, 2000).rounded())),
                    fact("integrations", .list((0..<4).map { _ in "s\(Int(rng.next() % UInt64(stageCount)))t\(Int(rng.next() % UInt64(toolCount)))" })),
                ]
                if rng.uniform() < 0.7 { facts.append(fact("commercial_support", .flag(rng.uniform() < 0.5))) }
                if rng.uniform() < 0.8 { facts.append(fact("pricing.seat_usd_month", .number(uniform(5, 80).rounded()))) }
                tools.append(Tool(id: toolID, name: toolID, homepage: "https://example.org/\(toolID)", summary: "", facts: facts))
                for step in steps {
                    let base = uniform(0.05, 5)
                    for rep in 1...3 {
                        let failed = rng.uniform() < 0.05
                        observations.append(Observation(
                            runID: "run-1", stage: stageID, tool: toolID, step: step, repetition: rep, status: failed ? .failed : .ok,
                            startedAt: "2026-11-29T00:00:00Z", wallSeconds: base * uniform(0.9, 1.2), cpuSeconds: base,
                            peakMemoryBytes: Int64(uniform(2e7, 9e8)), exitCode: failed ? 1 : 0,
                            metrics: ["throughput": 1000 / base]))
                    }
                }
            }
            stages.append(Stage(id: stageID, order: s + 1, title: "Stage \(s)", question: "", candidates: tools, scenario: scenario))
        }
        let weights = Dictionary(uniqueKeysWithValues: criterionIDs.map { ($0, uniform(5, 30).rounded()) })
        let profile = Profile(id: "synthetic", title: "Synthetic", description: "", weights: weights, rationale: [:])
        let team = Team(
            name: "Synthetic", company: .midSize, dataScienceTeam: .core, product: "", members: [Member(id: "a", name: "A")],
            poster: "a", schedule: [], profile: "synthetic",
            stages: stages.map { StageAssignment(stage: $0.id, candidates: $0.candidates.map { Assessment(tool: $0.id, assessors: ["a"]) }) })
        let cost = CostModel(
            horizonMonths: 36,
            inputs: [.startup: CostInputs(seats: 8, hourlyRateUSD: 75, serverMonthlyUSD: 60, opsHoursPerMonth: 4),
                     .midSize: CostInputs(seats: 30, hourlyRateUSD: 90, serverMonthlyUSD: 250, opsHoursPerMonth: 8),
                     .enterprise: CostInputs(seats: 150, hourlyRateUSD: 110, serverMonthlyUSD: 1200, opsHoursPerMonth: 20)],
            basis: "synthetic")
        let project = Project(root: "/synthetic", team: team, criteria: criteria, costModel: cost, profiles: [profile], stages: stages)
        let provenance = Provenance(cpuModel: "", cores: 2, memoryBytes: 0, os: "", kernel: "", python: "", uv: "", gitCommit: "", bakeoffVersion: "", network: "")
        let run = Run(id: "run-1", startedAt: "2026-11-29T00:00:00Z", endedAt: nil, status: .complete, repetitions: 3, provenance: provenance, environments: [], observations: observations)
        return (project, [run])
    }

    /// Parses `STAGESxTOOLSxINDICATORS` (e.g. `50x20x30`).
    public static func parseSize(_ text: String) -> (Int, Int, Int)? {
        let parts = text.split(separator: "x").compactMap { Int($0) }
        guard parts.count == 3, parts.allSatisfy({ $0 > 0 }) else { return nil }
        return (parts[0], parts[1], parts[2])
    }
}
