/// View models of the site's pages. Every property is stored (the template engine reads them through `Encodable`) and
/// holds display text; templates/README.md documents each one.
public enum SiteViews {
    public struct NavLink: Sendable, Encodable {
        public var href: String
        public var label: String
        public var current: Bool
    }

    /// What every page shares: the header, the navigation and the footer.
    public struct Chrome: Sendable, Encodable {
        public var team: String
        public var version: String
        public var profile: String
        public var runCount: Int
        public var nav: [NavLink]
    }

    // MARK: index

    public struct TeamView: Sendable, Encodable {
        public var name: String
        public var company: String
        public var dataScienceTeam: String
        public var product: String
        public var members: String
    }

    public struct WeightRow: Sendable, Encodable {
        public var criterion: String
        public var title: String
        public var weight: String
        public var why: String
        public var description: String
    }

    public struct ProfileView: Sendable, Encodable {
        public var id: String
        public var title: String
        public var description: String
        public var overridden: Bool
        public var weights: [WeightRow]
    }

    public struct ArchitectureView: Sendable, Encodable {
        public var svg: String
        public var mermaid: String
        public var alt: String
    }

    public struct StageRow: Sendable, Encodable {
        public var id: String
        public var href: String
        public var title: String
        /// The candidates' names, comma-separated.
        public var candidates: String
        /// What the comparison rests on: scenario steps measured, sourced facts.
        public var evidence: String
        /// The criteria that put the winner ahead, in a few words.
        public var why: String?
        public var winner: String?
        public var winnerScore: String
        public var runnerUp: String?
        public var runnerUpScore: String
        public var margin: String
        public var winProbability: String
        /// What the confidence rests on, in a few clauses.
        public var confidence: String
        public var confidenceLevel: String
        /// The measurement that decided it, with the winner's and the runner-up's values; absent with no winner.
        public var decidedBy: String?
        public var decidedByHref: String?
        /// `steps done 8 of 8`, for the winner; absent without a scenario.
        public var stepsDone: String?
        public var unknown: String
    }

    public struct IndexPage: Sendable, Encodable {
        public var site: Chrome
        public var pageTitle: String
        public var team: TeamView
        public var hasWinners: Bool
        public var headline: String
        /// What judging the whole stack (hand-offs counted) adds to the headline; nil without integrations.
        public var stackNote: String?
        /// The stack page, when the project has integrations.
        public var stackHref: String?
        public var architecture: ArchitectureView
        public var stages: [StageRow]
        public var samples: String
        public var profile: ProfileView
        public var evidenceSummary: String
    }

    // MARK: stage

    public struct CandidateView: Sendable, Encodable {
        public var anchor: String
        public var id: String
        public var name: String
        public var homepage: String?
        public var summary: String?
        public var assessors: String
    }

    /// One fact of one candidate in the facts matrix: the value, and the footnote holding its source and date.
    public struct FactCell: Sendable, Encodable {
        public var anchor: String
        public var value: String
        /// The footnote's number and anchor; absent when the candidate has no such fact.
        public var footnote: String?
        public var footnoteAnchor: String
        /// `as of DATE, HOST` for a hover.
        public var hover: String
    }

    public struct FactMatrixRow: Sendable, Encodable {
        /// The fact's human label (`Licence`), never the raw key.
        public var label: String
        public var cells: [FactCell]
    }

    /// A fact's source, date and note, below the matrix.
    public struct FactNote: Sendable, Encodable {
        public var number: String
        public var anchor: String
        public var tool: String
        public var label: String
        public var url: String?
        public var host: String
        public var source: String
        public var asOf: String
        public var note: String?
    }

    /// Facts × candidates.
    public struct FactMatrix: Sendable, Encodable {
        public var tools: [String]
        public var rows: [FactMatrixRow]
        public var notes: [FactNote]
    }

    /// A candidate's column head in the compact comparison.
    public struct CompareHead: Sendable, Encodable {
        public var name: String
        public var winner: Bool
    }

    public struct CompareCell: Sendable, Encodable {
        public var text: String
        public var href: String?
        /// Hover text: the full run id, a fact's date and source.
        public var hover: String?
        /// True when this candidate is the best on the row.
        public var best: Bool
    }

    public struct CompareRow: Sendable, Encodable {
        public var label: String
        /// The unit or what the row means, small under the label.
        public var note: String?
        public var cells: [CompareCell]
    }

    /// Candidates as columns, the deciding measurements, steps done and key facts as rows.
    public struct CompareTable: Sendable, Encodable {
        public var hasColumns: Bool
        public var heads: [CompareHead]
        public var rows: [CompareRow]
    }

    public struct ComparisonCell: Sendable, Encodable {
        public var value: String
        public var url: String?
        public var asOf: String
    }

    public struct ComparisonRow: Sendable, Encodable {
        public var name: String
        public var cells: [ComparisonCell]
    }

    public struct ComparisonView: Sendable, Encodable {
        public var anchor: String
        public var title: String
        public var columns: [String]
        public var rows: [ComparisonRow]
    }

    public struct ParameterRow: Sendable, Encodable {
        public var name: String
        public var value: String
        public var description: String
    }

    public struct StepRow: Sendable, Encodable {
        public var anchor: String
        public var id: String
        public var title: String
        public var description: String
        public var timeout: String
    }

    public struct ScenarioView: Sendable, Encodable {
        /// HTML rendered from the scenario's Markdown description.
        public var description: String
        public var hasParameters: Bool
        public var parameters: [ParameterRow]
        public var steps: [StepRow]
    }

    public struct ResultRow: Sendable, Encodable {
        public var step: String
        public var tool: String
        public var status: String
        public var statusClass: String
        public var median: String
        public var href: String
        public var spread: String
        public var n: String
        public var cold: String
        public var memory: String
    }

    public struct CapabilityCell: Sendable, Encodable {
        public var text: String
        public var statusClass: String
        public var href: String?
    }

    public struct CapabilityRow: Sendable, Encodable {
        public var step: String
        public var cells: [CapabilityCell]
    }

    public struct CapabilityView: Sendable, Encodable {
        public var hasSteps: Bool
        public var tools: [String]
        public var rows: [CapabilityRow]
    }

    public struct ScoreHeader: Sendable, Encodable {
        public var title: String
        public var weight: String
    }

    public struct ScoreCell: Sendable, Encodable {
        public var score: String
        public var known: String
        public var anchor: String
    }

    public struct ScoreRow: Sendable, Encodable {
        public var rank: String
        public var tool: String
        public var total: String
        /// The tool's first indicator row, where the evidence behind the total starts.
        public var totalAnchor: String
        public var note: String?
        public var cells: [ScoreCell]
    }

    public struct EvidenceLink: Sendable, Encodable {
        public var href: String
        public var label: String
        /// The whole run id, or a fact's date and source, for a hover.
        public var hover: String
    }

    public struct IndicatorRow: Sendable, Encodable {
        public var anchor: String
        public var tool: String
        public var criterion: String
        public var indicator: String
        public var value: String
        public var spread: String?
        public var score: String
        public var links: [EvidenceLink]
    }

    public struct ChartView: Sendable, Encodable {
        public var anchor: String
        public var src: String
        public var alt: String
        public var caption: String
    }

    public struct CostLineView: Sendable, Encodable {
        public var item: String
        public var formula: String
        public var amount: String
    }

    public struct CostView: Sendable, Encodable {
        public var anchor: String
        public var tool: String
        public var total: String
        public var horizon: String
        public var lines: [CostLineView]
    }

    public struct FlipRow: Sendable, Encodable {
        public var criterion: String
        public var critical: Bool
        public var weight: String
        public var flipsAt: String
        public var newWinner: String
    }

    public struct ProbabilityRow: Sendable, Encodable {
        public var tool: String
        public var probability: String
    }

    public struct SensitivityView: Sendable, Encodable {
        public var summary: String
        public var flips: [FlipRow]
        public var probabilities: [ProbabilityRow]
    }

    public struct StagePage: Sendable, Encodable {
        public var site: Chrome
        public var pageTitle: String
        public var id: String
        public var title: String
        public var question: String
        /// **HTML**: the verdict in two sentences: winner, margin, what decided it; what is provisional.
        public var verdict: String
        /// `confidence medium`; absent with no winner.
        public var confidence: String?
        public var confidenceLevel: String
        /// What the confidence rests on (`31 % of the weight measured in runs, …`).
        public var confidenceBasis: String
        /// The chart of the measurements that decided it.
        public var decidingChart: ChartView
        public var compare: CompareTable
        /// HTML rendered from the generated Markdown rationale (the full reasoning, in the details).
        public var rationale: String
        public var candidates: [CandidateView]
        public var facts: FactMatrix
        public var hasFacts: Bool
        public var comparisons: [ComparisonView]
        public var scenario: ScenarioView?
        public var hasResults: Bool
        public var results: [ResultRow]
        public var capability: CapabilityView
        public var scoreHeader: [ScoreHeader]
        public var scores: [ScoreRow]
        public var indicators: [IndicatorRow]
        /// Charts by section: scores and heatmap, step timings and memory, win probability and sensitivity.
        public var scoreCharts: [ChartView]
        public var stepCharts: [ChartView]
        public var sensitivityCharts: [ChartView]
        public var costs: [CostView]
        public var sensitivity: SensitivityView?
    }

    // MARK: evidence

    public struct KeyValue: Sendable, Encodable {
        public var key: String
        public var value: String
    }

    public struct EnvironmentView: Sendable, Encodable {
        public var anchor: String
        public var stage: String
        public var tool: String
        public var kind: String
        public var version: String
        public var lockHash: String
        public var install: String
        public var size: String
        public var packageCount: String
        public var packages: [String]
    }

    public struct RunView: Sendable, Encodable {
        public var anchor: String
        public var id: String
        public var status: String
        public var provenance: [KeyValue]
        public var environments: [EnvironmentView]
    }

    /// A recorded run the verdicts do not read, in the evidence page's list of other runs.
    public struct OtherRunRow: Sendable, Encodable {
        public var anchor: String
        public var id: String
        public var started: String
        public var status: String
        /// `stage: tool, tool; stage: tool`, by id.
        public var measured: String
    }

    public struct ObservationRow: Sendable, Encodable {
        public var run: String
        public var runAnchor: String
        public var repetition: String
        public var status: String
        public var wall: String
        public var cpu: String
        public var memory: String
        public var exit: String
        public var metrics: String
        public var reason: String
    }

    public struct MeasurementGroup: Sendable, Encodable {
        public var anchor: String
        public var stageTitle: String
        public var toolName: String
        public var stepTitle: String
        public var rows: [ObservationRow]
    }

    public struct CostModelRow: Sendable, Encodable {
        public var company: String
        public var current: Bool
        public var seats: String
        public var rate: String
        public var server: String
        public var ops: String
    }

    public struct CostModelView: Sendable, Encodable {
        public var horizon: String
        public var basis: String
        public var rows: [CostModelRow]
    }

    public struct EvidencePage: Sendable, Encodable {
        public var site: Chrome
        public var pageTitle: String
        /// The runs the verdicts read, in full.
        public var runs: [RunView]
        /// The newest other recorded runs (at most 200), one row each, oldest first.
        public var otherRuns: [OtherRunRow]
        public var hasOtherRuns: Bool
        /// How many other runs there are (`5 049`), and how many `otherRuns` lists.
        public var otherRunCount: String
        public var shownRuns: String
        /// Whether some other runs are left out of `otherRuns` (data/runs.csv lists every run).
        public var hasHiddenRuns: Bool
        public var measurements: [MeasurementGroup]
        public var costModel: CostModelView
    }
}
