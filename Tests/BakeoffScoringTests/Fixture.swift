import BakeoffModel
@testable import BakeoffScoring

/// Small in-memory projects for scoring tests: one stage, facts as given, criteria as given.
struct Fixture {
    static let day = Day(year: 2026, month: 11, day: 1)

    var criteria: [Criterion]
    var tools: [Tool] = []
    var profiles: [Profile] = []
    var company: CompanyKind = .startup
    var steps: [String] = []
    var otherStages: [Stage] = []

    init(criteria: [Criterion]) { self.criteria = criteria }

    static func fact(_ key: String, _ value: FactValue) -> Fact {
        Fact(key: key, value: value, source: "https://example.org/\(key)", asOf: day)
    }

    static func indicator(
        _ id: String, _ source: IndicatorSource, _ normalization: Normalization, direction: Direction = .higher,
        weight: Double = 1, unit: String = ""
    ) -> Indicator {
        Indicator(id: id, title: id, description: "", unit: unit, direction: direction, source: source, normalization: normalization, weight: weight)
    }

    static func criterion(_ id: String, _ indicators: [Indicator]) -> Criterion {
        Criterion(id: id, title: id, description: "", indicators: indicators)
    }

    mutating func tool(_ id: String, _ facts: [String: FactValue], deployment: Deployment? = nil) {
        var tool = Tool(id: id, name: id.uppercased(), homepage: "", summary: "", facts: facts.keys.sorted().map { Fixture.fact($0, facts[$0]!) })
        tool.deployment = deployment
        tools.append(tool)
    }

    mutating func profile(_ id: String, _ weights: [String: Double], gates: [Gate] = []) {
        profiles.append(Profile(id: id, title: id, description: "", weights: weights, rationale: [:], gates: gates))
    }

    var project: Project {
        let scenario = steps.isEmpty ? nil : Scenario(description: "", parameters: [], steps: steps.map { ScenarioStep(id: $0, title: $0, description: "", timeoutSeconds: 60) })
        let stage = Stage(id: "stage", order: 1, title: "The stage", question: "", candidates: tools, scenario: scenario)
        let all = [stage] + otherStages
        let team = Team(
            name: "t", company: company, dataScienceTeam: .core, product: "", members: [], poster: "", schedule: [],
            profile: profiles.first?.id ?? "none",
            stages: all.map { s in StageAssignment(stage: s.id, candidates: s.candidates.map { Assessment(tool: $0.id, assessors: []) }) })
        let cost = CostModel(
            horizonMonths: 36,
            inputs: [.startup: CostInputs(seats: 8, hourlyRateUSD: 75, serverMonthlyUSD: 60, opsHoursPerMonth: 4)],
            basis: "test")
        return Project(root: "/fixture", team: team, criteria: criteria, costModel: cost, profiles: profiles, stages: all)
    }

    func score(_ options: ScoringOptions = ScoringOptions(samples: 2000), runs: [Run] = []) throws -> StageScorecard {
        try Scorer.score(project: project, runs: runs, options: options).stages[0]
    }
}

extension StageScorecard {
    func tool(_ id: String) -> ToolScore { tools.first { $0.tool == id }! }
}

extension ToolScore {
    func criterion(_ id: String) -> CriterionScore { criteria.first { $0.criterion == id }! }
    func indicator(_ id: String) -> IndicatorValue { indicators.first { $0.indicator == id }! }
}

enum Runs {
    static let provenance = Provenance(cpuModel: "", cores: 2, memoryBytes: 0, os: "", kernel: "", python: "", uv: "", gitCommit: "", bakeoffVersion: "", network: "")

    static func run(
        _ id: String, at time: String, _ observations: [Observation], status: RunStatus = .complete, repetitions: Int = 3,
        machine: String = ""
    ) -> Run {
        var p = provenance
        p.cpuModel = machine
        return Run(id: id, startedAt: time, endedAt: nil, status: status, repetitions: repetitions, provenance: p, environments: [],
            observations: observations.map { var o = $0; o.runID = id; return o })
    }

    static func obs(_ tool: String, _ step: String, rep: Int, wall: Double?, status: ObservationStatus = .ok) -> Observation {
        Observation(runID: "", stage: "stage", tool: tool, step: step, repetition: rep, status: status, startedAt: "2026-11-29T00:00:00Z", wallSeconds: wall)
    }

    /// Every step of a tool, `reps` repetitions, each taking `wall` seconds.
    static func all(_ tool: String, _ steps: [String], reps: Int = 3, wall: Double = 1) -> [Observation] {
        steps.flatMap { step in (1...reps).map { obs(tool, step, rep: $0, wall: wall) } }
    }
}
