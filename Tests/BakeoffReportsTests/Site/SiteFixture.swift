import BakeoffModel
import BakeoffScoring
@testable import BakeoffReports

/// A small project with hand-made scores and runs: one decided stage with measurements, one with no evidence.
/// `hostile` swaps every name for markup, quotes, ampersands, right-to-left text and a 200-character name.
enum SiteFixture {
    struct Names {
        var team: String
        var stage: String
        var mlflow: String
        var wandb: String
        var aim: String
        var step: String
        var member: String
    }

    static let plain = Names(
        team: "Pipeline Pilots", stage: "Experiment tracking", mlflow: "MLflow", wandb: "Weights & Biases", aim: "Aim",
        step: "Log runs", member: "Ana Ruiz")

    static let longName = String(repeating: "Extraordinarily-Long-Tool-Name ", count: 7).prefix(200).description

    static let hostile = Names(
        team: "<script>alert('team')</script>", stage: "Tracking \"&\" <b>registry</b>", mlflow: "<script>alert(1)</script>",
        wandb: "Ben & Jerry's \"quoted\" tool", aim: "מערכת ניסויים \u{202E}evil", step: "<img src=x onerror=alert(2)>",
        member: "O'Brien & <i>Co</i>")

    static func project(_ n: Names) -> Project {
        let criteria = [
            Criterion(
                id: "cost", title: "Cost", description: "Total cost of ownership.",
                indicators: [
                    Indicator(
                        id: "tco", title: "Total cost of ownership", description: "", unit: "USD", direction: .lower,
                        source: .totalCostOfOwnership, normalization: .minMax)
                ]),
            Criterion(
                id: "performance", title: "Performance", description: "Measured speed.",
                indicators: [
                    Indicator(
                        id: "log-wall", title: "Log runs wall time", description: "", unit: "s", direction: .lower,
                        source: .step(id: "log_runs", measure: .wall), normalization: .ratioToBest)
                ]),
            Criterion(
                id: "support", title: "Support", description: "Help when it breaks.",
                indicators: [
                    Indicator(
                        id: "cadence", title: "Release cadence", description: "", unit: "days", direction: .lower,
                        source: .fact(key: "release_cadence_days"), normalization: .linear(worst: 365, best: 14))
                ]),
        ]
        let profile = Profile(
            id: "startup", title: "Startup", description: "Short runway.",
            weights: ["cost": 50, "performance": 30, "support": 20],
            rationale: ["cost": "Runway is short.", "performance": "Fast loops.", "support": "Community <is> enough."])
        let fact = Fact(
            key: "release_cadence_days", value: .number(30), source: "https://example.org/releases?a=1&b=2",
            asOf: Day(year: 2026, month: 9, day: 1), note: "From the <changelog> & tags")
        let badFact = Fact(key: "license", value: .text("Apache-2.0"), source: "javascript:alert(3)", asOf: Day(year: 2026, month: 9, day: 2))
        let tracking = Stage(
            id: "experiment-tracking", order: 1, title: n.stage, question: "Which tool records runs? <em>Really</em>",
            candidates: [
                Tool(id: "mlflow", name: n.mlflow, homepage: "https://mlflow.org", summary: "Open source.", facts: [fact, badFact]),
                Tool(id: "wandb", name: n.wandb, homepage: "javascript:alert(4)", summary: "", facts: []),
                Tool(id: "aim", name: n.aim, homepage: "https://aimstack.io", summary: "", facts: []),
            ],
            scenario: Scenario(
                description: "Log `runs` runs <script>x</script> and query the **best**.",
                parameters: [ScenarioParameter(name: "runs", value: "100", description: "Runs & more")],
                steps: [
                    ScenarioStep(id: "log_runs", title: n.step, description: "Log every run.", timeoutSeconds: 600),
                    ScenarioStep(id: "register", title: "Register a model", description: "Registry.", timeoutSeconds: 300),
                ]),
            adapters: [
                Adapter(
                    tool: "aim", directory: "stages/experiment-tracking/adapters/aim",
                    install: .python(version: "3.12", requirements: "requirements.txt", lock: "uv.lock"), environment: [:],
                    steps: ["register": .unsupported(reason: "Aim has no model registry")])
            ])
        let app = Stage(
            id: "web-app", order: 5, title: "Web app", question: "Which framework?",
            candidates: [
                Tool(id: "streamlit", name: "Streamlit", homepage: "https://streamlit.io", summary: "", facts: []),
                Tool(id: "gradio", name: n.wandb, homepage: "https://gradio.app", summary: "", facts: []),
            ])
        let team = Team(
            name: n.team, company: .startup, dataScienceTeam: .experimentation, product: "Churn <prediction> & more",
            members: [Member(id: "ana", name: n.member), Member(id: "ben", name: "Ben")], poster: "ana", schedule: [],
            profile: "startup",
            stages: [
                StageAssignment(
                    stage: "experiment-tracking",
                    candidates: [
                        Assessment(tool: "mlflow", assessors: ["ana"]), Assessment(tool: "wandb", assessors: ["ben"]),
                        Assessment(tool: "aim", assessors: []),
                    ]),
                StageAssignment(
                    stage: "web-app",
                    candidates: [Assessment(tool: "streamlit", assessors: ["ana"]), Assessment(tool: "gradio", assessors: ["ben"])]),
            ])
        let cost = CostModel(
            horizonMonths: 36,
            inputs: [.startup: CostInputs(seats: 8, hourlyRateUSD: 75, serverMonthlyUSD: 60, opsHoursPerMonth: 4)],
            basis: "Team planning <assumptions>.")
        let serve = Integration(
            id: "serve-model", title: "Serve the \(n.step) model", stages: ["experiment-tracking", "web-app"], python: "3.11",
            requirements: nil, directory: "integrations/serve-model",
            scenario: Scenario(
                description: "The app loads the **registered** model <script>y</script>.", parameters: [],
                steps: [ScenarioStep(id: "serve", title: n.step, description: "Serve it.", timeoutSeconds: 60)]))
        return Project(
            root: "/nonexistent", team: team, criteria: criteria, costModel: cost, profiles: [profile], stages: [tracking, app],
            integrations: [serve])
    }

    static let weights = ["cost": 0.5, "performance": 0.3, "support": 0.2]

    static func scoreboard(_ n: Names) -> Scoreboard {
        func criteria(_ cost: Double?, _ perf: Double?, _ support: Double?) -> [CriterionScore] {
            [
                CriterionScore(criterion: "cost", score: cost, known: cost == nil ? 0 : 1, total: 1, confidence: cost == nil ? .none : .high),
                CriterionScore(criterion: "performance", score: perf, known: perf == nil ? 0 : 1, total: 1, confidence: perf == nil ? .none : .high),
                CriterionScore(
                    criterion: "support", score: support, known: support == nil ? 0 : 1, total: 1, confidence: support == nil ? .none : .high),
            ]
        }
        let wall = IndicatorValue(
            indicator: "log-wall", criterion: "performance", raw: 12.5, display: "12.5 s", score: 8,
            spread: Spread(n: 2, min: 12, max: 13, mad: 0.5, cold: 20, wide: false),
            evidence: [.observations(stage: "experiment-tracking", tool: "mlflow", step: "log_runs", runs: ["run-1"])])
        let cadence = IndicatorValue(
            indicator: "cadence", criterion: "support", raw: 30, display: "30 days", score: 9.6, spread: nil,
            evidence: [
                .fact(
                    stage: "experiment-tracking", tool: "mlflow", key: "release_cadence_days", source: "https://example.org",
                    asOf: Day(year: 2026, month: 9, day: 1))
            ])
        let tco = IndicatorValue(indicator: "tco", criterion: "cost", raw: 3000, display: "$3 000", score: 10, spread: nil, evidence: [.costModel])
        let mlflow = ToolScore(
            tool: "mlflow", name: n.mlflow, total: 9.22, rank: 1, criteria: criteria(10, 8, 9.6), indicators: [tco, wall, cadence],
            cost: CostBreakdown(
                horizonMonths: 36,
                lines: [CostLine(item: "Server", formula: "36 months × $60 <self-hosted>", amountUSD: 2160), CostLine(item: "Ops", formula: "36 × 4 h × $75", amountUSD: 10800)],
                totalUSD: 12960),
            eliminated: nil, insufficientEvidence: nil)
        let wandbWall = IndicatorValue(
            indicator: "log-wall", criterion: "performance", raw: 10, display: "10 s (n=2)", score: 10,
            spread: Spread(n: 2, min: 9, max: 11, mad: 1, cold: 30, wide: false),
            evidence: [.observations(stage: "experiment-tracking", tool: "wandb", step: "log_runs", runs: ["run-1"])])
        let wandbTCO = IndicatorValue(indicator: "tco", criterion: "cost", raw: 6000, display: "$6 000", score: 4, spread: nil, evidence: [.costModel])
        let wandbCadence = IndicatorValue(
            indicator: "cadence", criterion: "support", raw: nil, display: "", score: nil, spread: nil, evidence: [])
        let wandb = ToolScore(
            tool: "wandb", name: n.wandb, total: 6.4, rank: 2, criteria: criteria(4, 10, nil), indicators: [wandbTCO, wandbWall, wandbCadence],
            cost: nil, eliminated: nil, insufficientEvidence: nil)
        let aim = ToolScore(
            tool: "aim", name: n.aim, total: nil, rank: nil, criteria: criteria(nil, nil, nil), indicators: [], cost: nil, eliminated: nil,
            insufficientEvidence: "no criterion has evidence")
        // What the scoring counts as steps done in each tool's run (see `runs()`).
        var tools = [mlflow, wandb, aim]
        tools[0].coverage = Coverage(done: 2, total: 2, notDone: [:])
        tools[1].coverage = Coverage(done: 1, total: 2, notDone: ["register": "failed"])
        tools[2].coverage = Coverage(done: 0, total: 2, notDone: ["log_runs": "timeout", "register": "not run"])
        var sensitivity = Sensitivity(
            flipPoints: [
                FlipPoint(criterion: "cost", weight: 0.5, flipsAt: 0.12, newWinner: "wandb"),
                FlipPoint(criterion: "performance", weight: 0.3, flipsAt: nil, newWinner: nil),
                FlipPoint(criterion: "support", weight: 0.2, flipsAt: nil, newWinner: nil),
            ], mostCritical: "cost", winProbability: ["mlflow": 0.91, "wandb": 0.09], samples: 1000, seed: 7, topsisWinner: "mlflow",
            methodsAgree: true)
        sensitivity.topsisRanking = ["mlflow", "wandb"]
        var tracking = StageScorecard(
            stage: "experiment-tracking", title: n.stage, tools: tools, winner: "mlflow", runnerUp: "wandb",
            margin: 2.82, sensitivity: sensitivity)
        tracking.matrix = DecisionMatrix(
            tools: ["mlflow", "wandb"], criteria: ["cost", "performance", "support"], weights: [0.5, 0.3, 0.2],
            scores: [10, 8, 9.6, 4, 10, 0], known: [1, 1, 1, 1, 1, 0])
        let app = StageScorecard(
            stage: "web-app", title: "Web app",
            tools: [
                ToolScore(
                    tool: "gradio", name: n.wandb, total: nil, rank: nil, criteria: criteria(nil, nil, nil), indicators: [], cost: nil,
                    eliminated: nil, insufficientEvidence: "no criterion has evidence"),
                ToolScore(
                    tool: "streamlit", name: "Streamlit", total: nil, rank: nil, criteria: criteria(nil, nil, nil), indicators: [], cost: nil,
                    eliminated: "licence not allowed", insufficientEvidence: nil),
            ], winner: nil, runnerUp: nil, margin: nil, sensitivity: nil)
        var board = Scoreboard(profile: "startup", weights: weights, stages: [tracking, app])
        board.criteria = ["cost", "performance", "support"]
        return board
    }

    static func runs() -> [Run] {
        let provenance = Provenance(
            cpuModel: "Test CPU <x86>", cores: 2, memoryBytes: 8 << 30, os: "Debian 12", kernel: "6.1", python: "3.12.1", uv: "0.5.0",
            gitCommit: "abc123", bakeoffVersion: "0.1.0", network: "loopback-only")
        var observations: [Observation] = []
        for (tool, walls) in [("mlflow", [20.0, 12, 13]), ("wandb", [30.0, 9, 11])] {
            for (i, wall) in walls.enumerated() {
                observations.append(
                    Observation(
                        runID: "run-1", stage: "experiment-tracking", tool: tool, step: "log_runs", repetition: i + 1, status: .ok,
                        startedAt: "2026-09-20T10:00:0\(i)Z", wallSeconds: wall, cpuSeconds: wall / 2, peakMemoryBytes: Int64(100 + i) << 20,
                        exitCode: 0, metrics: ["runs_logged": 100]))
            }
        }
        observations.append(
            Observation(
                runID: "run-1", stage: "experiment-tracking", tool: "mlflow", step: "register", repetition: 1, status: .ok,
                startedAt: "2026-09-20T10:01:00Z", wallSeconds: 1.5, cpuSeconds: 1, peakMemoryBytes: 90 << 20, exitCode: 0))
        observations.append(
            Observation(
                runID: "run-1", stage: "experiment-tracking", tool: "wandb", step: "register", repetition: 1, status: .failed,
                startedAt: "2026-09-20T10:01:00Z", wallSeconds: 0.4, exitCode: 1, reason: "exit 1: <no network>",
                stderrTail: "boom"))
        observations.append(
            Observation(
                runID: "run-1", stage: "experiment-tracking", tool: "aim", step: "log_runs", repetition: 1, status: .timeout,
                startedAt: "2026-09-20T10:02:00Z", wallSeconds: 600, reason: "stopped after 600 s"))
        observations.append(
            Observation(
                runID: "run-1", stage: "serve-model", tool: "mlflow+streamlit", step: "serve", repetition: 1, status: .failed,
                startedAt: "2026-09-20T10:03:00Z", wallSeconds: 2, exitCode: 0, reason: "the step reported a failed check: <b>wrong</b> & \"off\""))
        observations.append(
            Observation(
                runID: "run-1", stage: "serve-model", tool: "wandb+gradio", step: "serve", repetition: 1, status: .ok,
                startedAt: "2026-09-20T10:04:00Z", wallSeconds: 3, exitCode: 0, metrics: ["correct": 20]))
        let environment = EnvironmentRecord(
            stage: "experiment-tracking", tool: "mlflow", kind: "python", lockHash: "deadbeef", toolVersion: "2.17.0", installSeconds: 12.3,
            sizeBytes: 300 << 20, distributions: 3, packages: ["mlflow==2.17.0", "numpy==2.1.0", "alembic==1.13.0"])
        return [
            Run(
                id: "run-1", startedAt: "2026-09-20T10:00:00Z", endedAt: "2026-09-20T10:05:00Z", status: .complete, repetitions: 3,
                provenance: provenance, environments: [environment], observations: observations)
        ]
    }

    static func model(_ n: Names, runs: [Run]? = nil) -> SiteModel {
        SiteModel(project: project(n), scoreboard: scoreboard(n), history: RunHistory(runs ?? Self.runs()), version: "0.1.0")
    }
}
