import BakeoffModel

/// Everything a command or a report reads of a project's decision, built once: the project, its evidence (run
/// files and recorded stack checks), the scoreboard under the chosen weights (one evidence set per stage, the
/// verdict rules, the sensitivity), every other profile's criterion scores, the whole-stack choice and the
/// warnings. A pure value: renderers take it
/// and never score, choose or read files themselves.
public struct Evaluation: Sendable {
    public var project: Project
    /// Every recorded run summarized, and in full the runs the evaluation reads (`runIDs`); the scoreboard says
    /// which of them each stage read.
    public var history: RunHistory
    public var coInstallChecks: [CoInstallSummary]
    public var options: ScoringOptions
    public var scoreboard: Scoreboard
    /// The integrations' pairs and the whole-stack choice (the recommended stack where there is one).
    public var stack: StackAnalysis
    /// Every profile's criterion scores on the same evidence, for re-ranking under other weights (the what-if
    /// page); nil unless asked for, since only `build` shows them.
    public var profiles: ProfileBoards?

    /// Scores and chooses the stack; the stack's robustness uses at most `StackScorer.defaultSamples` samples.
    public static func make(
        project: Project, history: RunHistory, coInstallChecks: [CoInstallSummary] = [], options: ScoringOptions,
        withProfiles: Bool = false
    ) throws -> Evaluation {
        let scoreboard = try Scorer.score(project: project, history: history, options: options)
        let stack = StackAnalysis.make(
            project: project, scoreboard: scoreboard, history: history, checks: coInstallChecks,
            samples: min(options.samples, StackScorer.defaultSamples), seed: options.seed)
        let profiles = withProfiles
            ? ProfileBoards.make(project: project, history: history, scoreboard: scoreboard, options: options) : nil
        return Evaluation(
            project: project, history: history, coInstallChecks: coInstallChecks, options: options, scoreboard: scoreboard,
            stack: stack, profiles: profiles)
    }

    /// The runs an evaluation reads in full, from the summaries of every recorded run (the runs the history holds
    /// in full do not matter): each stage's evidence set (`pins` from `--pin`, with the project's own) and the
    /// newest run of each integration pair. A loader reads these and only summarizes the rest.
    public static func runIDs(project: Project, history: RunHistory, pins: [String]) -> Set<String> {
        Set(EvidenceSet.selection(project: project, history: history, pins: pins).runIDs)
            .union(PairEvidence.runIDs(project: project, history: history))
    }
}
