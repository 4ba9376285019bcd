import BakeoffModel
import BakeoffScoring

/// Renders the whole site as files (path relative to the site folder → contents): pure, no I/O.
public struct SiteRenderer: Sendable {
    public var templates: TemplateSet

    public init(templates: TemplateSet) {
        self.templates = templates
    }

    /// The HTML pages, rendered in parallel (each page is independent of the others).
    public func pages(_ model: SiteModel) -> [String: String] {
        var jobs: [(path: String, render: @Sendable () -> String)] = [("index.html", { templates.render("index", model.indexPage()) })]
        for stage in model.project.assessedStages {
            jobs.append((SiteModel.stagePage(stage.id), { templates.render("stage", model.stagePage(stage)) }))
        }
        // A project template written before `hasHiddenRuns` could not say that runs are left out: it lists them all.
        let listsEveryRun = !templates.uses("hasHiddenRuns", in: "evidence")
        jobs.append(("evidence.html", { templates.render("evidence", model.evidencePage(listingEveryOtherRun: listsEveryRun)) }))
        jobs.append((SiteModel.whatIfPage, { templates.render("whatif", model.whatIfPage()) }))
        if !model.project.integrations.isEmpty {
            jobs.append((SiteModel.stackPage, { templates.render("stack", model.stackPage()) }))
        }
        let renders = jobs.map(\.render)
        let pages = Parallel.map(renders.count) { renders[$0]() }
        return Dictionary(uniqueKeysWithValues: zip(jobs.map(\.path), pages))
    }

    /// Every stage's charts.
    public static func charts(_ model: SiteModel) -> [String: String] {
        let stages = model.project.assessedStages
        let perStage = Parallel.map(stages.count) { charts(model, stage: stages[$0]) }
        return perStage.reduce(into: [:]) { files, more in files.merge(more) { first, _ in first } }
    }

    /// One stage's charts.
    static func charts(_ model: SiteModel, stage: Stage) -> [String: String] {
        var files: [String: String] = [:]
        let criteria = model.criteria
        let weights = model.scoreboard.weights
        let card = model.card(stage.id) ?? StageScorecard(
            stage: stage.id, title: stage.title, tools: [], winner: nil, runnerUp: nil, margin: nil, sensitivity: nil)
        files[SiteModel.chart(stage.id, "deciding")] = Charts.deciding(
            model.verdict(stage), title: stage.title, toolIDs: stage.candidates.map(\.id))
        files[SiteModel.chart(stage.id, "scores")] = Charts.scoreBars(card: card, criteria: criteria, weights: weights)
        files[SiteModel.chart(stage.id, "heatmap")] = Charts.heatmap(card: card, criteria: criteria)
        files[SiteModel.chart(stage.id, "timings")] = Charts.stepBars(stage: stage, measurements: model.measurements, measure: .wall)
        files[SiteModel.chart(stage.id, "memory")] = Charts.stepBars(stage: stage, measurements: model.measurements, measure: .memory)
        files[SiteModel.chart(stage.id, "win-probability")] = Charts.winProbability(card: card)
        files[SiteModel.chart(stage.id, "sensitivity")] = Charts.sensitivity(card: card, criteria: criteria, weights: weights)
        return files
    }

    /// The architecture diagram as SVG and Mermaid.
    public static func architecture(_ model: SiteModel) -> [String: String] {
        let nodes = ArchitectureDiagram.nodes(
            project: model.project, scoreboard: model.scoreboard, pairs: model.stack.pairs, recommendation: model.recommendation)
        return [
            "architecture.svg": ArchitectureDiagram.svg(nodes, title: "\(model.project.team.name): the recommended stack"),
            "architecture.mmd": ArchitectureDiagram.mermaid(nodes),
        ]
    }
}
