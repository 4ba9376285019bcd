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
    /// The integrations' pairs and the whole-stack choice (the recommended stack where there is one): chosen
    /// the first time it is read (`score` without `--stack` never reads it), or alongside the Monte Carlo when
    /// the evaluation is made for the reports.
    public var stack: StackAnalysis { stackChoice.value }
    private let stackChoice: Once<StackAnalysis>
    /// Every profile's criterion scores on the same evidence, for re-ranking under other weights (the what-if
    /// page); nil unless asked for, since only `build` shows them.
    public var profiles: ProfileBoards?

    /// Scores; the stack's robustness uses at most `StackScorer.defaultSamples` samples. `withProfiles` (what
    /// `build` shows) also scores every other profile, and chooses the stack at once: both run beside the
    /// sensitivity analyses, on the cores the Monte Carlo leaves.
    public static func make(
        project: Project, history: RunHistory, coInstallChecks: [CoInstallSummary] = [], options: ScoringOptions,
        withProfiles: Bool = false
    ) throws -> Evaluation {
        @Sendable func chooseStack(_ scoreboard: Scoreboard) -> StackAnalysis {
            StackAnalysis.make(
                project: project, scoreboard: scoreboard, history: history, checks: coInstallChecks,
                samples: min(options.samples, StackScorer.defaultSamples), seed: options.seed)
        }
        let scoreboard: Scoreboard
        let stack: Once<StackAnalysis>
        var profiles: ProfileBoards?
        if withProfiles {
            let scored = try Scorer.score(project: project, history: history, options: options) { board in
                (chooseStack(board), ProfileBoards.make(project: project, history: history, scoreboard: board, options: options))
            }
            scoreboard = scored.board
            stack = Once(value: scored.besides.0)
            // The boards keep the current profile's scoreboard, which the sensitivity was added to since.
            profiles = scored.besides.1
            profiles?.replaceCurrent(with: scoreboard)
        } else {
            scoreboard = try Scorer.score(project: project, history: history, options: options)
            stack = Once { [scoreboard] in chooseStack(scoreboard) }
        }
        return Evaluation(
            project: project, history: history, coInstallChecks: coInstallChecks, options: options, scoreboard: scoreboard,
            stackChoice: stack, profiles: profiles)
    }

    /// The runs an evaluation reads in full, from the summaries of every recorded run (the runs the history holds
    /// in full do not matter): each stage's evidence set (`pins` from `--pin`, with the project's own) and the
    /// newest run of each integration pair. A loader reads these and only summarizes the rest.
    public static func runIDs(project: Project, history: RunHistory, pins: [String]) -> Set<String> {
        Set(EvidenceSet.selection(project: project, history: history, pins: pins).runIDs)
            .union(PairEvidence.runIDs(project: project, history: history))
    }
}
