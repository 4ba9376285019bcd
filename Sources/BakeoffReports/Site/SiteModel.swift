import BakeoffModel
import BakeoffScoring

/// Everything the site is rendered from, and the view model of each page built from it (pure).
public struct SiteModel: Sendable {
    public var project: Project
    public var scoreboard: Scoreboard
    /// Every recorded run summarized; the runs the evaluation read, in full.
    public var history: RunHistory
    /// True when `--weight` changed the profile's weights.
    public var weightsOverridden: Bool
    public var version: String
    /// The integration pairs and the whole-stack choice.
    public var stack: StackAnalysis
    /// The one tool recommended per stage, which every page and the diagram name.
    public var recommendation: Recommendation
    /// Every profile's criterion scores, which the what-if page re-ranks.
    public var profiles: ProfileBoards
    let measurements: Measurements
    /// Run id → the short form pages show (the whole id stays in link targets and hovers).
    let runLabels: [String: String]

    /// `stack` and `profiles` nil: read from the project and runs here (`Evaluation.make` gives both).
    public init(
        project: Project, scoreboard: Scoreboard, history: RunHistory, weightsOverridden: Bool = false, version: String,
        stack: StackAnalysis? = nil, profiles: ProfileBoards? = nil
    ) {
        self.project = project
        self.scoreboard = scoreboard
        self.history = history
        self.weightsOverridden = weightsOverridden
        self.version = version
        let stack = stack ?? StackAnalysis.make(project: project, scoreboard: scoreboard, history: history)
        self.stack = stack
        self.recommendation = Recommendation.make(project: project, scoreboard: scoreboard, stack: stack)
        self.profiles = profiles
            ?? ProfileBoards.make(project: project, history: history, scoreboard: scoreboard, options: ScoringOptions(samples: 0))
        self.measurements = Measurements(runs: history.runs, selection: scoreboard.evidenceSelection.isEmpty ? nil : scoreboard.evidenceSelection)
        self.runLabels = Self.shortRunLabels(history.summaries.map(\.id))
    }

    /// A run id's short form: the part after its last `-` (the random suffix of `20261129T051735Z-01e5`) when
    /// that part has at least four characters and no other run shares it; else the whole id.
    static func shortRunLabels(_ ids: [String]) -> [String: String] {
        func suffix(_ id: String) -> String? {
            guard let dash = id.lastIndex(of: "-") else { return nil }
            let tail = String(id[id.index(after: dash)...])
            return tail.count >= 4 ? tail : nil
        }
        var counts: [String: Int] = [:]
        for id in Set(ids) { if let s = suffix(id) { counts[s, default: 0] += 1 } }
        return Dictionary(
            Set(ids).map { id in (id, suffix(id).flatMap { counts[$0] == 1 ? $0 : nil } ?? id) }, uniquingKeysWith: { a, _ in a })
    }

    /// The short form of a run id.
    func runLabel(_ id: String) -> String { runLabels[id] ?? id }

    // MARK: paths and anchors

    /// The file of a stage's page, relative to the site folder.
    public static func stagePage(_ stage: String) -> String { "stage-\(Markup.anchor(stage)).html" }
    /// The stack page: pairs of neighbouring tools, and the whole-stack choice.
    public static let stackPage = "stack.html"
    /// A chart file, relative to the site folder.
    public static func chart(_ stage: String, _ kind: String) -> String { "charts/\(Markup.anchor(stage))-\(kind).svg" }
    static func measurementAnchor(_ stage: String, _ tool: String, _ step: String) -> String { "m--" + Markup.anchor(stage, tool, step) }
    /// The other runs the evidence page lists, newest: the page stays small with any history.
    static let otherRunsShown = 200

    static func runAnchor(_ run: String) -> String { "run--" + Markup.anchor(run) }
    static func factAnchor(_ tool: String, _ key: String) -> String { "fact--" + Markup.anchor(tool, key) }

    /// The links behind one value, short: one per run (not per step or repetition) for measurements, one per
    /// fact, one for the cost model. A measurement of a single step links to that step's observations; one
    /// spanning several steps (coverage) links to the run.
    func links(_ references: [EvidenceReference]) -> [SiteViews.EvidenceLink] {
        var out: [SiteViews.EvidenceLink] = []
        var observed: [(stage: String, tool: String, step: String, runs: [String])] = []
        for reference in references {
            switch reference {
            case .observations(let stage, let tool, let step, let runs): observed.append((stage, tool, step, runs))
            case .fact(let stage, let tool, let key, let source, let asOf):
                out.append(
                    .init(
                        href: Self.stagePage(stage) + "#" + Self.factAnchor(tool, key), label: FactLabels.label(key),
                        hover: "as of \(asOf), \(Self.host(source))"))
            case .costModel:
                out.append(.init(href: "evidence.html#cost-model", label: "cost model", hover: "the team's cost assumptions"))
            }
        }
        guard !observed.isEmpty else { return out }
        let runs = Array(Set(observed.flatMap(\.runs))).sorted()
        let single = observed.count == 1 ? observed[0] : nil
        let measured = single.flatMap { measurements.measurement(stage: $0.stage, tool: $0.tool, step: $0.step) }
        let target = single.map { "evidence.html#" + Self.measurementAnchor($0.stage, $0.tool, $0.step) }
        if runs.isEmpty {
            return [.init(href: target ?? "evidence.html#observations", label: "observations", hover: "no run recorded")] + out
        }
        let runLinks = runs.map { run -> SiteViews.EvidenceLink in
            let known = history.ids.contains(run)
            let href = single != nil && measured != nil ? target! : (known ? "evidence.html#" + Self.runAnchor(run) : "evidence.html#observations")
            return .init(href: href, label: "run " + runLabel(run) + (known ? "" : " (not loaded)"), hover: "run " + run)
        }
        return runLinks + out
    }

    func card(_ stage: String) -> StageScorecard? { scoreboard.stages.first { $0.stage == stage } }

    var criteria: [Criterion] {
        let order = scoreboard.criteria.isEmpty ? project.criteria.map(\.id) : scoreboard.criteria
        return order.compactMap { id in project.criteria.first { $0.id == id } }
    }

    func chrome(current: String) -> SiteViews.Chrome {
        var nav = [SiteViews.NavLink(href: "index.html", label: "Overview", current: current == "index.html")]
        for stage in project.assessedStages {
            let href = Self.stagePage(stage.id)
            nav.append(.init(href: href, label: stage.title, current: current == href))
        }
        if !project.integrations.isEmpty {
            nav.append(.init(href: Self.stackPage, label: "Stack", current: current == Self.stackPage))
        }
        nav.append(.init(href: "evidence.html", label: "Evidence", current: current == "evidence.html"))
        return .init(team: project.team.name, version: version, profile: scoreboard.profile, runCount: history.summaries.count, nav: nav)
    }

    // MARK: index

    public func indexPage() -> SiteViews.IndexPage {
        let team = project.team
        let profile = project.profile(scoreboard.profile)
        let weights = criteria.map { c in
            SiteViews.WeightRow(
                criterion: c.id, title: c.title, weight: Format.percent(scoreboard.weights[c.id] ?? 0),
                why: profile?.rationale[c.id] ?? "", description: c.description)
        }
        var rows: [SiteViews.StageRow] = []
        var picks: [String] = []
        for stage in project.assessedStages {
            let card = card(stage.id)
            let verdict = verdict(stage)
            let winner = verdict.winner
            let runnerUp = verdict.runnerUp
            if let pick = recommendation.pick(for: stage.id)?.name { picks.append("\(pick) (\(stage.title))") }
            let steps = stage.scenario?.steps.count ?? 0
            let measured = Set(measurements.measurements(stage: stage.id).filter { $0.status == .ok }.map(\.step)).count
            let facts = stage.candidates.reduce(0) { $0 + $1.facts.count }
            let evidence = (steps == 0 ? "no scenario" : "\(measured) of \(steps) scenario steps measured") + ", \(facts) sourced facts"
            var why: String?
            if let winner, let runnerUp {
                let ahead = Rationale.drivers(winner, over: runnerUp, weights: scoreboard.weights).filter { $0.1 > 0.005 }.prefix(2)
                    .map { id in criteria.first { $0.id == id.0 }?.title.lowercased() ?? id.0 }
                why = ahead.isEmpty ? "ahead on criteria only it has evidence for" : "ahead on " + ahead.joined(separator: " and ")
            } else if winner != nil {
                why = "the only candidate that could be ranked"
            }
            let lead = verdict.leadingMeasurement
            let steps_ = winner.flatMap { w in verdict.stepsDone.first { $0.tool == w.tool } }
            rows.append(
                .init(
                    id: stage.id, href: Self.stagePage(stage.id), title: stage.title,
                    candidates: stage.candidates.map(\.name).joined(separator: ", "), evidence: evidence, why: why,
                    winner: winner?.name,
                    winnerScore: winner?.total.map { Format.score($0) } ?? "", runnerUp: runnerUp?.name,
                    runnerUpScore: runnerUp?.total.map { Format.score($0) } ?? "",
                    margin: card?.margin.map { Format.score($0) } ?? Format.unknown,
                    winProbability: Format.percent(verdict.winProbability),
                    confidence: verdict.winner == nil ? "" : Self.confidenceShort(verdict), confidenceLevel: verdict.level.rawValue,
                    decidedBy: lead.map { Self.againstText($0, verdict) }, decidedByHref: lead.map { _ in Self.stagePage(stage.id) + "#verdict" },
                    stepsDone: steps_.map { $0.neverRun ? "never run" : "steps done \($0.done) of \($0.total)" },
                    unknown: Format.unknown))
        }
        let undecided = rows.count - picks.count
        var headline = "We recommend " + picks.joined(separator: ", ") + "."
        if undecided > 0 { headline += " \(undecided) of \(rows.count) stages have no evidence yet." }
        let samples = scoreboard.stages.compactMap { $0.sensitivity?.samples }.max()
        let runs = history.summaries
        let observations = runs.reduce(0) { $0 + $1.observationCount }
        let summary: String
        if runs.isEmpty {
            summary = "No evidence yet: no scenario has been run, so measured criteria are unknown and the scores rest on sourced facts."
        } else {
            let last = runs.map(\.startedAt).max() ?? ""
            summary = "\(runs.count) run(s) with \(Format.count(observations)) observations, the latest started \(last)."
        }
        let nodes = ArchitectureDiagram.nodes(
            project: project, scoreboard: scoreboard, pairs: stack.pairs, recommendation: recommendation)
        let alt = "Architecture of the recommended stack: " + nodes.map { "\($0.title): \($0.winner ?? Format.unknown)" }.joined(separator: "; ")
        return .init(
            site: chrome(current: "index.html"), pageTitle: "Overview",
            team: .init(
                name: team.name, company: team.company.rawValue, dataScienceTeam: team.dataScienceTeam.rawValue,
                product: team.product, members: team.members.map(\.name).joined(separator: ", ")),
            hasWinners: !picks.isEmpty, headline: headline, stackNote: stackNote(),
            stackHref: project.integrations.isEmpty ? nil : Self.stackPage,
            architecture: .init(svg: "architecture.svg", mermaid: "architecture.mmd", alt: alt), stages: rows,
            samples: samples.map { Format.count($0) } ?? "no", profile: .init(
                id: scoreboard.profile, title: profile?.title ?? scoreboard.profile, description: profile?.description ?? "",
                overridden: weightsOverridden, weights: weights),
            evidenceSummary: summary)
    }

    /// One sentence on the whole-stack choice: the same as the stage winners, or which tools it swaps, and how
    /// many hand-offs between the winners a run verified.
    func stackNote() -> String? {
        guard !project.integrations.isEmpty, let choice = stack.choice else { return nil }
        func name(_ stage: String, _ tool: String) -> String { project.stage(stage)?.candidate(tool)?.name ?? tool }
        let verified = choice.winnerEdges.filter { $0.verdict == .works }.count
        let checked = "\(verified) of the \(choice.winnerEdges.count) hand-offs between the stage winners were verified by a run"
        guard !choice.differences.isEmpty else {
            return "Judged as a whole stack, with how neighbouring tools hand data to each other counted, the stage winners stay the best choice (in \(Format.percent(choice.robustness)) of the weightings sampled); \(checked)."
        }
        let swaps = choice.differences.map { d in
            "\(name(d.stage, d.chosen)) instead of \(name(d.stage, d.winner)) (\(project.stage(d.stage)?.title.lowercased() ?? d.stage))"
        }
        return "Judged as a whole stack, with how neighbouring tools hand data to each other counted, we would take "
            + swaps.joined(separator: ", ") + " (best in \(Format.percent(choice.robustness)) of the weightings sampled); \(checked)."
    }

    // MARK: stage

    public func stagePage(_ stage: Stage) -> SiteViews.StagePage {
        let card = card(stage.id)
        let names = Dictionary(stage.candidates.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        func name(_ tool: String) -> String { names[tool] ?? card?.tools.first { $0.tool == tool }?.name ?? tool }
        let assignment = project.team.assignment(for: stage.id)

        let candidates = stage.candidates.map { tool in
            let assessors = assignment?.candidates.first { $0.tool == tool.id }?.assessors
                .map { project.team.member($0)?.name ?? $0 } ?? []
            return SiteViews.CandidateView(
                anchor: "tool--" + Markup.anchor(tool.id), id: tool.id, name: tool.name, homepage: Markup.safeURL(tool.homepage),
                summary: tool.summary.isEmpty ? nil : tool.summary,
                assessors: assessors.isEmpty ? "nobody yet" : assessors.joined(separator: ", "))
        }
        let facts = factMatrix(stage)
        let comparisons = stage.comparisons.map { comparison in
            let keys = Array(Set(comparison.items.flatMap { $0.facts.map(\.key) })).sorted()
            return SiteViews.ComparisonView(
                anchor: "comparison--" + Markup.anchor(comparison.id), title: comparison.title, columns: keys.map(FactLabels.label),
                rows: comparison.items.map { item in
                    .init(
                        name: item.name,
                        cells: keys.map { key in
                            guard let fact = item.fact(key) else { return .init(value: "unknown", url: nil, asOf: "") }
                            return .init(value: FactLabels.value(fact), url: Markup.safeURL(fact.source), asOf: fact.asOf.description)
                        })
                })
        }
        let steps = stage.scenario?.steps ?? []
        let scenario = stage.scenario.map { s in
            SiteViews.ScenarioView(
                description: MarkdownRenderer.html(s.description), hasParameters: !s.parameters.isEmpty,
                parameters: s.parameters.sorted { $0.name < $1.name }.map { .init(name: $0.name, value: $0.value, description: $0.description) },
                steps: s.steps.map {
                    .init(
                        anchor: "step--" + Markup.anchor($0.id), id: $0.id, title: $0.title, description: $0.description,
                        timeout: Format.seconds($0.timeoutSeconds))
                })
        }

        var results: [SiteViews.ResultRow] = []
        for step in steps {
            for tool in stage.candidates {
                guard let m = measurements.measurement(stage: stage.id, tool: tool.id, step: step.id) else { continue }
                let wall = m.wall
                results.append(
                    .init(
                        step: step.title, tool: tool.name, status: Format.statusText(m.status, reason: m.reason),
                        statusClass: m.status?.rawValue ?? "none", median: wall.map { Format.seconds($0.median) } ?? Format.unknown,
                        href: "evidence.html#" + Self.measurementAnchor(stage.id, tool.id, step.id),
                        spread: wall.map { "\(Format.seconds($0.min)) – \(Format.seconds($0.max))" } ?? "",
                        n: wall.map { String($0.n) } ?? "0", cold: wall?.cold.map { Format.seconds($0) } ?? "",
                        memory: m.memory.map { Numbers.bytes(Int64($0.median)) } ?? ""))
            }
        }
        let capability = SiteViews.CapabilityView(
            hasSteps: !steps.isEmpty, tools: stage.candidates.map(\.name),
            rows: steps.map { step in
                .init(
                    step: step.title,
                    cells: stage.candidates.map { tool in
                        let m = measurements.measurement(stage: stage.id, tool: tool.id, step: step.id)
                        var text = Format.statusText(m?.status, reason: m?.reason)
                        if m == nil, case .unsupported(let reason) = stage.adapter(for: tool.id)?.steps[step.id] {
                            text = "unsupported: \(reason) (not run)"
                        }
                        return .init(
                            text: text, statusClass: m?.status?.rawValue ?? "none",
                            href: m == nil ? nil : "evidence.html#" + Self.measurementAnchor(stage.id, tool.id, step.id))
                    })
            })

        let criteria = self.criteria
        let scoreHeader = criteria.map { SiteViews.ScoreHeader(title: $0.title, weight: Format.percent(scoreboard.weights[$0.id] ?? 0)) }
        var scores: [SiteViews.ScoreRow] = []
        var indicators: [SiteViews.IndicatorRow] = []
        for tool in card?.tools ?? [] {
            scores.append(
                .init(
                    rank: tool.rank.map(String.init) ?? "–", tool: tool.name, total: Format.score(tool.total),
                    totalAnchor: "ind--" + Markup.anchor(tool.tool, criteria.first?.id ?? ""),
                    note: tool.eliminated.map { "eliminated: \($0)" } ?? tool.insufficientEvidence,
                    cells: criteria.map { c in
                        let score = tool.criteria.first { $0.criterion == c.id }
                        return .init(
                            score: Format.score(score?.score), known: score.map { "\($0.known)/\($0.total) known" } ?? "",
                            anchor: "ind--" + Markup.anchor(tool.tool, c.id))
                    }))
            var seen = Set<String>()
            for c in criteria {
                for value in tool.indicators where value.criterion == c.id {
                    let definition = project.criteria.first { $0.id == c.id }?.indicators.first { $0.id == value.indicator }
                    let title = definition?.title ?? value.indicator
                    let first = seen.insert(c.id).inserted
                    let number: (Double) -> String = definition?.unit == "bytes" ? { Numbers.bytes(Int64($0.rounded())) } : { Numbers.format($0) }
                    let spread = value.spread.map { s in
                        "n=\(s.n), \(number(s.min)) – \(number(s.max))" + (s.cold.map { ", cold \(number($0))" } ?? "")
                            + (s.wide ? ", wide spread" : "")
                    }
                    indicators.append(
                        .init(
                            anchor: first ? "ind--" + Markup.anchor(tool.tool, c.id) : "ind--" + Markup.anchor(tool.tool, c.id, value.indicator),
                            tool: tool.name, criterion: c.title, indicator: title,
                            value: value.raw == nil && value.display.isEmpty
                                ? Format.unknown : Format.indicator(value.display, raw: value.raw, unit: definition?.unit, n: value.spread?.n),
                            spread: spread,
                            score: Format.score(value.score), links: links(value.evidence)))
                }
                if !seen.contains(c.id) {
                    seen.insert(c.id)
                    indicators.append(
                        .init(
                            anchor: "ind--" + Markup.anchor(tool.tool, c.id), tool: tool.name, criterion: c.title,
                            indicator: "(no indicator applies)", value: Format.unknown, spread: nil, score: Format.unknown, links: []))
                }
            }
        }

        let scoreCharts: [SiteViews.ChartView] = [
            .init(
                anchor: "chart-scores", src: Self.chart(stage.id, "scores"), alt: "Weighted criterion scores per candidate",
                caption: "Total score per candidate (0–10), split by criterion in proportion to weight × score."),
            .init(
                anchor: "chart-heatmap", src: Self.chart(stage.id, "heatmap"), alt: "Criterion scores heatmap",
                caption: "Each criterion's 0–10 score per candidate; unknown where there is no evidence."),
        ]
        let stepCharts: [SiteViews.ChartView] = [
            .init(
                anchor: "chart-timings", src: Self.chart(stage.id, "timings"), alt: "Wall time per scenario step",
                caption: "Median wall time per step in seconds, with min–max whiskers; each step has its own scale."),
            .init(
                anchor: "chart-memory", src: Self.chart(stage.id, "memory"), alt: "Peak memory per scenario step",
                caption: "Median peak memory of the step's process tree, with min–max whiskers."),
        ]
        let sensitivityCharts: [SiteViews.ChartView] = [
            .init(
                anchor: "chart-win", src: Self.chart(stage.id, "win-probability"), alt: "Win probability per candidate",
                caption: "How often each candidate ranks first when the weights are randomly perturbed around the profile."),
            .init(
                anchor: "chart-sensitivity", src: Self.chart(stage.id, "sensitivity"), alt: "Total score against each criterion's weight",
                caption: "Each candidate's total as one weight moves from 0 % to 100 %; the red dot marks where the winner changes."),
        ]

        let costs = (card?.tools ?? []).compactMap { tool -> SiteViews.CostView? in
            guard let cost = tool.cost else { return nil }
            return .init(
                anchor: "cost--" + Markup.anchor(tool.tool), tool: tool.name, total: Format.usd(cost.totalUSD),
                horizon: String(cost.horizonMonths),
                lines: cost.lines.map {
                    .init(item: FactLabels.readable($0.item), formula: FactLabels.readable($0.formula), amount: Format.usd($0.amountUSD))
                })
        }

        var sensitivity: SiteViews.SensitivityView?
        if let card, let s = card.sensitivity, card.winner != nil {
            let agree: String
            if let topsis = s.topsisWinner {
                agree = s.methodsAgree ? "TOPSIS ranks the same winner first." : "TOPSIS ranks \(name(topsis)) first instead."
            } else {
                agree = "TOPSIS could not be computed."
            }
            sensitivity = .init(
                summary: "Win probabilities from \(Format.count(s.samples)) weightings drawn around the profile (seed \(s.seed)). \(agree)",
                flips: criteria.compactMap { c in
                    guard let f = s.flipPoints.first(where: { $0.criterion == c.id }) else { return nil }
                    return .init(
                        criterion: c.title, critical: s.mostCritical == c.id, weight: Format.percent(f.weight),
                        flipsAt: f.flipsAt.map { Format.percent($0) } ?? "never (0–100 %)",
                        newWinner: f.newWinner.map(name) ?? "–")
                },
                probabilities: card.tools.map { .init(tool: $0.name, probability: Format.percent(s.winProbability[$0.tool])) })
        }

        let verdict = verdict(stage)
        // The scorecard's qualifying notes (VerdictNotes) are part of the rationale.
        let rationale = Rationale.markdown(card: card, criteria: criteria, weights: scoreboard.weights, runCount: history.summaries.count, verdict: verdict)
        let panels = verdict.chartIndicators()
        let decidingChart = SiteViews.ChartView(
            anchor: "chart-deciding", src: Self.chart(stage.id, "deciding"),
            alt: panels.isEmpty ? "No deciding measurement yet" : "What decided it: " + panels.map(\.title).joined(separator: " and "),
            caption: panels.isEmpty
                ? "Nothing separates the candidates yet."
                : "Each candidate's value in the indicator's unit (median over warm repetitions, whiskers min–max, n repetitions) or, for a category, its 0–10 score; the winner in bold.")
        return .init(
            site: chrome(current: Self.stagePage(stage.id)), pageTitle: stage.title, id: stage.id, title: stage.title,
            question: stage.question, verdict: MarkdownRenderer.html(Self.verdictMarkdown(verdict)),
            confidence: verdict.winner == nil ? nil : "confidence " + verdict.level.rawValue, confidenceLevel: verdict.level.rawValue,
            confidenceBasis: verdict.winner == nil ? "" : "Confidence \(verdict.level.rawValue), resting on: " + verdict.reasons.joined(separator: "; ") + ".",
            decidingChart: decidingChart, compare: compareTable(stage, verdict: verdict, card: card),
            rationale: MarkdownRenderer.html(rationale), candidates: candidates, facts: facts, hasFacts: !facts.rows.isEmpty,
            comparisons: comparisons, scenario: scenario, hasResults: !results.isEmpty, results: results,
            capability: capability, scoreHeader: scoreHeader, scores: scores, indicators: indicators, scoreCharts: scoreCharts,
            stepCharts: stepCharts, sensitivityCharts: sensitivityCharts, costs: costs, sensitivity: sensitivity)
    }

    static func observationRow(_ o: Observation) -> SiteViews.ObservationRow {
        let metrics = o.metrics.keys.sorted().map { key -> String in "\(key)=\(Numbers.format(o.metrics[key] ?? 0))" }
        let repetition = String(o.repetition) + (o.repetition == 1 ? " (cold)" : "")
        let wall = o.wallSeconds.map { Format.seconds($0) } ?? "–"
        let cpu = o.cpuSeconds.map { Format.seconds($0) } ?? "–"
        let memory = o.peakMemoryBytes.map { Numbers.bytes($0) } ?? "–"
        let exit = o.exitCode.map { String($0) } ?? "–"
        return SiteViews.ObservationRow(
            run: o.runID, runAnchor: runAnchor(o.runID), repetition: repetition, status: o.status.rawValue, wall: wall,
            cpu: cpu, memory: memory, exit: exit, metrics: metrics.joined(separator: ", "), reason: o.reason.map(MachinePaths.withoutHomes) ?? "")
    }

    static func host(_ url: String) -> String {
        var rest = Substring(url)
        if let range = rest.range(of: "://") { rest = rest[range.upperBound...] }
        return String(rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" })
    }

    // MARK: evidence

    /// The evidence page; it lists the newest `otherRunsShown` other runs, or every one with `listingEveryOtherRun`
    /// (for a template that cannot say how many are left out).
    public func evidencePage(listingEveryOtherRun: Bool = false) -> SiteViews.EvidencePage {
        let stageTitles = Dictionary(
            project.stages.map { ($0.id, $0.title) } + project.integrations.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let toolNames = Dictionary(
            project.stages.flatMap { s in s.candidates.map { ("\(s.id)/\($0.id)", $0.name) } }, uniquingKeysWith: { a, _ in a })
        let runViews = history.runs.map { run in
            let p = run.provenance
            let provenance: [SiteViews.KeyValue] = [
                .init(key: "Started", value: run.startedAt), .init(key: "Ended", value: run.endedAt ?? "not recorded"),
                .init(key: "Repetitions", value: String(run.repetitions)),
                .init(key: "Observations", value: String(run.observations.count)),
                .init(key: "CPU", value: "\(p.cpuModel) (\(p.cores) cores)"), .init(key: "Memory", value: Numbers.bytes(p.memoryBytes)),
                .init(key: "OS", value: p.os), .init(key: "Kernel", value: p.kernel), .init(key: "Python", value: p.python),
                .init(key: "uv", value: p.uv), .init(key: "Git commit", value: p.gitCommit),
                .init(key: "bakeoff", value: p.bakeoffVersion), .init(key: "Network", value: p.network),
            ]
            let environments = run.environments.sorted { ($0.stage, $0.tool) < ($1.stage, $1.tool) }.map { env in
                SiteViews.EnvironmentView(
                    anchor: "env--" + Markup.anchor(run.id, env.stage, env.tool), stage: stageTitles[env.stage] ?? env.stage,
                    tool: toolNames["\(env.stage)/\(env.tool)"] ?? env.tool, kind: env.kind, version: env.toolVersion,
                    lockHash: env.lockHash, install: env.installSeconds.map { Format.seconds($0) } ?? "cached",
                    size: Numbers.bytes(env.sizeBytes), packageCount: String(env.packages.count), packages: env.packages.sorted())
            }
            return SiteViews.RunView(
                anchor: Self.runAnchor(run.id), id: run.id, status: run.status.rawValue, provenance: provenance,
                environments: environments)
        }
        // The history: the newest runs not read, one short line each, by id; a project with years of runs keeps a
        // page of bounded size, and data/runs.csv and `bakeoff evidence list` give every run.
        let others = history.summaries.filter { history.run($0.id) == nil }
        let otherRuns = others.suffix(listingEveryOtherRun ? others.count : Self.otherRunsShown).map { run in
            SiteViews.OtherRunRow(
                anchor: Self.runAnchor(run.id), id: run.id, started: run.startedAt, status: run.status.rawValue,
                measured: run.measured)
        }
        var groups: [SiteViews.MeasurementGroup] = []
        // Stages, then integrations (whose "tools" are pairs, shown as "A → B").
        var sections = project.stages.map { ($0.id, $0.title, $0.candidates.map(\.id), $0.scenario?.steps ?? []) }
        sections += project.integrations.map { i in
            (i.id, i.title, stack.pairs.filter { $0.integration == i.id }.map(\.id), i.scenario.steps)
        }
        var pairNames: [String: String] = [:]
        for pair in stack.pairs {
            let names = zip(pair.stages, pair.tools).map { stage, tool in project.stage(stage)?.candidate(tool)?.name ?? tool }
            pairNames["\(pair.integration)/\(pair.id)"] = names.joined(separator: " → ")
        }
        for (id, title, toolOrder, steps) in sections {
            // Candidates and steps in the order the stage lists them; anything else after, sorted.
            let stepOrder = steps.map(\.id)
            func rank(_ list: [String], _ id: String) -> Int { list.firstIndex(of: id) ?? list.count }
            let ordered = measurements.measurements(stage: id).sorted {
                (rank(toolOrder, $0.tool), $0.tool, rank(stepOrder, $0.step), $0.step)
                    < (rank(toolOrder, $1.tool), $1.tool, rank(stepOrder, $1.step), $1.step)
            }
            for m in ordered {
                let stepTitle = steps.first { $0.id == m.step }?.title ?? m.step
                groups.append(
                    .init(
                        anchor: Self.measurementAnchor(m.stage, m.tool, m.step), stageTitle: title,
                        toolName: toolNames["\(m.stage)/\(m.tool)"] ?? pairNames["\(m.stage)/\(m.tool)"] ?? m.tool, stepTitle: stepTitle,
                        rows: m.observations.map(Self.observationRow)))
            }
        }
        let model = project.costModel
        let costRows = CompanyKind.allCases.compactMap { kind -> SiteViews.CostModelRow? in
            guard let i = model.inputs[kind] else { return nil }
            return .init(
                company: kind.rawValue, current: kind == project.team.company, seats: String(i.seats), rate: Format.usd(i.hourlyRateUSD),
                server: Format.usd(i.serverMonthlyUSD), ops: Numbers.format(i.opsHoursPerMonth))
        }
        return .init(
            site: chrome(current: "evidence.html"), pageTitle: "Evidence", runs: runViews, otherRuns: otherRuns, hasOtherRuns: !otherRuns.isEmpty,
            otherRunCount: Format.count(others.count), shownRuns: Format.count(otherRuns.count),
            hasHiddenRuns: others.count > otherRuns.count, measurements: groups,
            costModel: .init(horizon: String(model.horizonMonths), basis: model.basis, rows: costRows))
    }
}
