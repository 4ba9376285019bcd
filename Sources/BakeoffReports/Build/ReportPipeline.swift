import BakeoffModel
import BakeoffScoring

/// What `bakeoff build` carries from step to step: the inputs, and the files rendered so far.
public struct BuildContext: Sendable {
    public var project: Project
    public var history: RunHistory
    public var scoreboard: Scoreboard?
    /// The pairs and the whole-stack choice, read once after scoring.
    public var stack: StackAnalysis?
    /// Every profile's criterion scores (the what-if page), from the evaluation.
    public var profiles: ProfileBoards?
    /// The recorded `bakeoff stack check`s (evidence/stack/), loaded with the evidence.
    public var coInstallChecks: [CoInstallSummary] = []
    /// True when `--weight` changed the profile's weights (the site says so).
    public var weightsOverridden: Bool
    public var version: String
    public var templates: TemplateSet?
    /// Rendered files by path under the reports folder (`site/index.html`, `data/scores.json`, ...).
    public var files: [String: String] = [:]
    /// The top-level folders of the reports folder this build owns: each is replaced as a whole, others are
    /// left alone.
    public var folders: Set<String> = []
    /// Monte Carlo weight samples per stage (`--samples`); the stack's robustness uses at most 1,000 of them.
    public var samples: Int = ScoringOptions().samples

    public init(project: Project, history: RunHistory, scoreboard: Scoreboard?, weightsOverridden: Bool, version: String) {
        self.project = project
        self.history = history
        self.scoreboard = scoreboard
        self.weightsOverridden = weightsOverridden
        self.version = version
    }

    /// Adds files under one owned folder.
    public mutating func add(_ files: [String: String], under folder: String) {
        folders.insert(folder)
        for (path, text) in files { self.files[folder + "/" + path] = text }
    }

    /// The scoreboard, or an error naming the step that should have produced it.
    public func requireScoreboard() throws -> Scoreboard {
        guard let scoreboard else { throw BuildError(step: "render", message: "no scoreboard; the score step must run first") }
        return scoreboard
    }

    /// The site's model (project, scoreboard, runs, stack, profiles), assembled once for the pages, the charts
    /// and the diagram.
    public mutating func siteModel() throws -> SiteModel {
        if let site { return site }
        let scoreboard = try requireScoreboard()
        let model = SiteModel(
            project: project, scoreboard: scoreboard, history: history, weightsOverridden: weightsOverridden, version: version,
            stack: stack ?? StackAnalysis.make(project: project, scoreboard: scoreboard, history: history), profiles: profiles)
        site = model
        return model
    }

    private var site: SiteModel?
}

/// A build step failed: which step, and what went wrong.
public struct BuildError: Error, CustomStringConvertible {
    public var step: String
    public var message: String

    public init(step: String, message: String) {
        self.step = step
        self.message = message
    }

    public var description: String { "\(step): \(message)" }
}

/// One named step of the build: a closure over the shared context.
public struct BuildStep: Sendable {
    public var name: String
    public var body: @Sendable (inout BuildContext) throws -> Void

    public init(_ name: String, body: @escaping @Sendable (inout BuildContext) throws -> Void) {
        self.name = name
        self.body = body
    }
}

/// A list of named steps run in order, each announced as `[i/n] name`.
public struct ReportPipeline: Sendable {
    public var steps: [BuildStep]

    public init(steps: [BuildStep]) {
        self.steps = steps
    }

    /// Runs every step; a failing step's error names it.
    public func run(_ context: inout BuildContext, progress: (String) -> Void) throws {
        for (index, step) in steps.enumerated() {
            progress("[\(index + 1)/\(steps.count)] \(step.name)")
            do {
                try step.body(&context)
            } catch let error as BuildError {
                throw error
            } catch {
                throw BuildError(step: step.name, message: "\(error)")
            }
        }
    }

    /// The site's steps, in order, for a context that already holds the scoreboard.
    public static func siteSteps(projectRoot: String) -> [BuildStep] {
        [
            BuildStep("choose the stack") { context in
                guard context.stack == nil else { return }  // the evaluation chose it already
                context.stack = StackAnalysis.make(
                    project: context.project, scoreboard: try context.requireScoreboard(), history: context.history,
                    checks: context.coInstallChecks, samples: min(context.samples, StackScorer.defaultSamples))
            },
            BuildStep("load templates") { context in
                context.templates = try TemplateSet.load(projectRoot: projectRoot)
            },
            BuildStep("render pages") { context in
                let renderer = SiteRenderer(templates: context.templates ?? .builtIn)
                let model = try context.siteModel()
                context.add(renderer.pages(model), under: "site")
            },
            BuildStep("draw charts") { context in
                let model = try context.siteModel()
                context.add(SiteRenderer.charts(model), under: "site")
            },
            BuildStep("draw architecture diagram") { context in
                let model = try context.siteModel()
                context.add(SiteRenderer.architecture(model), under: "site")
            },
        ]
    }

    /// The deck as `bakeoff build` writes it (`slides/deck.html`, with the site's charts it shows), for
    /// measuring its slides in a browser; nil when the project has no deck.
    public static func deckHTML(_ evaluation: Evaluation, version: String) throws -> String? {
        var context = BuildContext(
            project: evaluation.project, history: evaluation.history, scoreboard: evaluation.scoreboard, weightsOverridden: false,
            version: version)
        context.stack = evaluation.stack
        context.coInstallChecks = evaluation.coInstallChecks
        try ReportPipeline(steps: siteSteps(projectRoot: evaluation.project.root) + deliverableSteps).run(&context) { _ in }
        return context.files["slides/deck.html"]
    }

    /// The data exports: `data/scores.json` (the `bakeoff score --format json` contract), `data/scores.csv` and,
    /// when a stack was chosen, `data/stack.json`, from the scoring module's own formatters so they can never
    /// disagree with the commands.
    public static let dataStep = BuildStep("export scores") { context in
        let board = try context.requireScoreboard()
        var files = ["scores.json": ScoreboardFormatter.json(board), "scores.csv": ScoreboardFormatter.csv(board)]
        // The whole-stack choice and every pair, as `bakeoff score --stack --format json` prints them.
        if let stack = context.stack, let choice = stack.choice { files["stack.json"] = StackFormatter.json(choice, analysis: stack) }
        context.add(files, under: "data")
    }

    /// The step that writes the rendered files into the reports folder, replacing each owned folder at once.
    public static func writeStep(reportsFolder: String) -> BuildStep {
        BuildStep("write \(reportsFolder)") { context in
            try ReportWriter.replace(folders: context.folders, files: context.files, in: reportsFolder)
        }
    }
}
