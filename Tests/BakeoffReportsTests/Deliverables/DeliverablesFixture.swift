import BakeoffModel
import BakeoffScoring

/// A small project with hostile names, facts and one run, scored for real: the input of the golden
/// posts and deck.
enum DeliverablesFixture {
    static let day = Day("2026-11-01")!

    static func fact(_ key: String, _ value: FactValue) -> Fact {
        Fact(key: key, value: value, source: "https://example.org/\(key)", asOf: day)
    }

    static var project: Project {
        let tracking = Stage(
            id: "experiment-tracking", order: 1, title: "Experiment tracking", question: "Which tracker | why?",
            candidates: [
                Tool(id: "mlflow", name: "MLflow", homepage: "https://mlflow.org", summary: "Tracks <runs> & models.",
                    facts: [fact("license", .text("Apache-2.0")), fact("hosting", .text("both")), fact("pricing.model", .text("free"))]),
                Tool(id: "aim", name: "Aim *fast*", homepage: "https://aimstack.io", summary: "Runs UI.",
                    facts: [fact("license", .text("Apache-2.0")), fact("hosting", .text("self-hosted")), fact("pricing.model", .text("free"))]),
            ],
            scenario: Scenario(
                description: "Log `runs` runs.", parameters: [ScenarioParameter(name: "runs", value: "20", description: "Runs")],
                steps: [ScenarioStep(id: "log_runs", title: "Log runs", description: "", timeoutSeconds: 60)]))
        let data = Stage(
            id: "data-versioning", order: 2, title: "Data versioning", question: "Which tool versions data?",
            candidates: [
                Tool(id: "dvc", name: "DVC", homepage: "https://dvc.org", summary: "", facts: [fact("license", .text("Apache-2.0"))]),
                Tool(id: "git-lfs", name: "Git LFS", homepage: "https://git-lfs.com", summary: "", facts: [fact("license", .text("MIT"))]),
            ])
        let criteria = [
            Criterion(id: "lock-in", title: "Lock-in", description: "", indicators: [
                Indicator(id: "license", title: "Licence", description: "", unit: "", direction: .higher,
                    source: .fact(key: "license"), normalization: .map(["Apache-2.0": 10, "MIT": 9], default: nil)),
                Indicator(id: "hosting", title: "Hosting", description: "", unit: "", direction: .higher,
                    source: .fact(key: "hosting"), normalization: .map(["both": 8, "self-hosted": 10], default: nil)),
            ]),
            Criterion(id: "performance", title: "Performance", description: "", indicators: [
                Indicator(id: "log-wall", title: "Time to log runs", description: "", unit: "s", direction: .lower,
                    source: .step(id: "log_runs", measure: .wall), normalization: .ratioToBest),
            ]),
        ]
        let team = Team(
            name: "Team <script>alert(1)</script>", company: .startup, dataScienceTeam: .core,
            product: "A model | with pipes & *stars*.",
            members: [Member(id: "ana", name: "Ana \"A\" Ruiz"), Member(id: "ben", name: "Ben"), Member(id: "chen", name: "مرحبا Chen")],
            poster: "ana",
            schedule: [CheckInSlot(id: "group-details", due: Day("2026-09-14")!), CheckInSlot(id: "experiment-tracking", due: Day("2026-09-21")!), CheckInSlot(id: "data-versioning", due: Day("2026-09-28")!)],
            profile: "startup",
            stages: [
                StageAssignment(stage: "experiment-tracking", candidates: [Assessment(tool: "mlflow", assessors: ["ana"]), Assessment(tool: "aim", assessors: ["ben", "chen"])]),
                StageAssignment(stage: "data-versioning", candidates: [Assessment(tool: "dvc", assessors: ["chen"]), Assessment(tool: "git-lfs", assessors: ["ben"])]),
            ])
        let profile = Profile(
            id: "startup", title: "Startup", description: "", weights: ["lock-in": 40, "performance": 60],
            rationale: ["lock-in": "a", "performance": "b"])
        let cost = CostModel(horizonMonths: 36, inputs: [.startup: CostInputs(seats: 5, hourlyRateUSD: 50, serverMonthlyUSD: 40, opsHoursPerMonth: 2)], basis: "test")
        return Project(root: "/nonexistent", team: team, criteria: criteria, costModel: cost, profiles: [profile], stages: [tracking, data])
    }

    static var runs: [Run] {
        var observations: [Observation] = []
        for (tool, base) in [("mlflow", 4.0), ("aim", 6.0)] {
            for rep in 1...3 {
                observations.append(
                    Observation(runID: "r1", stage: "experiment-tracking", tool: tool, step: "log_runs", repetition: rep, status: .ok,
                        startedAt: "2026-11-01T10:00:0\(rep)Z", wallSeconds: base + Double(rep) * 0.1, cpuSeconds: base, peakMemoryBytes: 100_000_000, exitCode: 0))
            }
        }
        let provenance = Provenance(cpuModel: "cpu", cores: 2, memoryBytes: 1, os: "os", kernel: "k", python: "3.11", uv: "0.13", gitCommit: "abc", bakeoffVersion: "0.1.0", network: "loopback-only")
        return [Run(id: "r1", startedAt: "2026-11-01T10:00:00Z", endedAt: "2026-11-01T10:01:00Z", status: .complete, repetitions: 3, provenance: provenance, environments: [], observations: observations)]
    }

    static func scoreboard() throws -> Scoreboard {
        try Scorer.score(project: project, history: RunHistory(runs), options: ScoringOptions(samples: 2000, seed: 7))
    }
}
