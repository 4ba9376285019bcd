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
        for (path, text) in files {
            self.files[folder + "/" + path] = text
            added.append(folder + "/" + path)
        }
    }

    /// The paths `add` wrote, in order: what a render step run on a copy of the context hands back.
    private var added: [String] = []

    /// A copy to run a render step on, recording only what it adds.
    func renderCopy() -> BuildContext {
        var copy = self
        copy.added = []
        return copy
    }

    /// Takes the files a render step added to `copy` (and their folders).
    mutating func merge(_ copy: BuildContext) {
        for path in copy.added {
            files[path] = copy.files[path]
            added.append(path)
        }
        folders.formUnion(copy.folders)
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
    /// What a step does with the context, which decides what may run beside it.
    public enum Kind: Sendable {
        /// Sets up what later steps read (the evidence, the scores, the templates): runs alone.
        case prepare
        /// Only adds files, reading what the prepare steps set: runs beside the render steps next to it.
        case render
        /// Adds files and reads files that earlier render steps added (the deck inlines the site's charts): runs
        /// once those are done, beside the render steps after it.
        case renderAfterFiles
    }

    public var name: String
    public var kind: Kind
    public var body: @Sendable (inout BuildContext) throws -> Void

    public init(_ name: String, _ kind: Kind = .prepare, body: @escaping @Sendable (inout BuildContext) throws -> Void) {
        self.name = name
        self.kind = kind
        self.body = body
    }
}

/// A list of named steps run in order, each announced as `[i/n] name`. Render steps next to each other run
/// together on the machine's cores, each on its own copy of the context; the files they add are taken back in
/// step order, so the result is the one running them one after the other gives.
public struct ReportPipeline: Sendable {
    public var steps: [BuildStep]

    public init(steps: [BuildStep]) {
        self.steps = steps
    }

    /// Runs every step; a failing step's error names it (the first failing one, in step order).
    public func run(_ context: inout BuildContext, progress: (String) -> Void) throws {
        var index = 0
        while index < steps.count {
            var end = index + 1
            if steps[index].kind != .prepare {
                while end < steps.count && steps[end].kind == .render { end += 1 }
            }
            for i in index..<end { progress("[\(i + 1)/\(steps.count)] \(steps[i].name)") }
            if end - index == 1 {
                try Self.run(steps[index], on: &context)
            } else {
                let batch = Array(steps[index..<end])
                let start = context.renderCopy()
                let results = Parallel.map(batch.count) { i -> Result<BuildContext, Error> in
                    var copy = start
                    return Result { try Self.run(batch[i], on: &copy); return copy }
                }
                for result in results { context.merge(try result.get()) }
            }
            index = end
        }
    }

    private static func run(_ step: BuildStep, on context: inout BuildContext) throws {
        do {
            try step.body(&context)
        } catch let error as BuildError {
            throw error
        } catch {
            throw BuildError(step: step.name, message: "\(error)")
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
                // The render steps below share one site model: it is assembled before they run side by side.
                if context.scoreboard != nil { _ = try context.siteModel() }
            },
            BuildStep("render pages", .render) { context in
                let renderer = SiteRenderer(templates: context.templates ?? .builtIn)
                let model = try context.siteModel()
                context.add(renderer.pages(model), under: "site")
            },
            BuildStep("draw charts", .render) { context in
                let model = try context.siteModel()
                context.add(SiteRenderer.charts(model), under: "site")
            },
            BuildStep("draw architecture diagram", .render) { context in
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

    /// The data exports: `data/scores.json` (the `bakeoff score --format json` contract), `data/scores.csv`,
    /// `data/runs.csv` (every recorded run) and, when a stack was chosen, `data/stack.json`, from the scoring module's own formatters so they can never
    /// disagree with the commands.
    public static let dataStep = BuildStep("export scores", .render) { context in
        let board = try context.requireScoreboard()
        var files = [
            "scores.json": ScoreboardFormatter.json(board), "scores.csv": ScoreboardFormatter.csv(board),
            "runs.csv": RunListFormatter.csv(context.history),
        ]
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
