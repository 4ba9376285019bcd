import ArgumentParser
import BakeoffLedger
import BakeoffModel
import BakeoffReports
import BakeoffScoring

/// `bakeoff score`: rank each stage's candidates from stored evidence under a weight profile.
struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score the candidates under a weight profile, with flip points and win probabilities.",
        discussion: """
            Weights are relative: --weight cost=40 sets cost to 40 on the profile's scale, and every weight is \
            then normalized to sum 1. The same inputs always print the same bytes.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
    }

    @OptionGroup var options: ProjectOptions

    @OptionGroup var weighting: WeightOptions

    @Option(help: "Output format: text, json or csv.")
    var format: Format = .text

    @Option(help: ArgumentHelp("Compare with another profile: which winners and ranks change, and why.", valueName: "PROFILE"))
    var diff: String?

    @Option(parsing: .unconditional, help: "Monte Carlo weight samples per stage (0 turns it off).")
    var samples: Int = 100_000

    @Flag(
        help: ArgumentHelp(
            "Choose the whole stack: one tool per stage, counting how well neighbouring tools work together (integration runs and facts)."))
    var stack = false

    @Option(help: "Monte Carlo seed.")
    var seed: UInt64 = 20261129

    func validate() throws {
        guard samples >= 0 else { throw ValidationError("--samples must be 0 or more, not \(samples); e.g. --samples 10000, or 0 to turn it off") }
    }

    func run() throws {
        let (loaded, evidence) = try options.loadWithEvidence()
        let project = loaded.project
        try checkProfile(weighting.profile, in: project, flag: "--profile")
        let evaluation = try EvaluationLoader.load(project: project, weights: weighting, samples: samples, seed: seed, evidence: evidence)
        let board = evaluation.scoreboard
        if stack {
            guard format != .csv else { throw ValidationError("--stack prints text or json, not csv") }
            let analysis = evaluation.stack
            guard let choice = analysis.choice else { throw ValidationError(analysis.problem ?? "no stack could be chosen") }
            print(format == .json ? StackFormatter.json(choice, analysis: analysis) : StackFormatter.text(choice, analysis: analysis, scoreboard: board), terminator: "")
            Finish.success()
        }
        if let diff {
            try checkProfile(diff, in: project, flag: "--diff")
            var other = evaluation.options
            other.profile = diff
            other.weightOverrides = [:]
            let comparison = ProfileComparison(board, try score(project, evaluation.history, other))
            switch format {
            case .text: print(ScoreboardFormatter.text(board) + "\n" + ProfileComparisonFormatter.text(comparison), terminator: "")
            case .json: print(ProfileComparisonFormatter.json(comparison), terminator: "")
            case .csv: print(ProfileComparisonFormatter.csv(comparison), terminator: "")
            }
            Finish.success()
        }
        switch format {
        case .text: print(ScoreboardFormatter.text(board), terminator: "")
        case .json: print(ScoreboardFormatter.json(board), terminator: "")
        case .csv: print(ScoreboardFormatter.csv(board), terminator: "")
        }
        Finish.success()
    }

    private func score(_ project: Project, _ history: RunHistory, _ options: ScoringOptions) throws -> Scoreboard {
        do {
            return try Scorer.score(project: project, history: history, options: options)
        } catch let error as ScoringError {
            throw ValidationError(error.description)
        }
    }

    private func checkProfile(_ id: String?, in project: Project, flag: String) throws {
        guard let id, project.profile(id) == nil else { return }
        throw ValidationError("\(flag): unknown profile '\(id)'; \(Spelling.hint(for: id, among: project.profiles.map(\.id), what: "profile"))")
    }
}
