import BakeoffModel

/// Where a number came from, so a report can link it to its evidence.
public enum EvidenceReference: Hashable, Codable, Sendable {
    /// Observations of one step of one tool in these runs.
    case observations(stage: String, tool: String, step: String, runs: [String])
    /// A sourced fact.
    case fact(stage: String, tool: String, key: String, source: String, asOf: Day)
    /// The cost model's stated assumptions.
    case costModel
}

/// The spread of a measured indicator over repetitions (the cold run excluded when there are warm ones).
public struct Spread: Hashable, Codable, Sendable {
    public var n: Int
    public var min: Double
    public var max: Double
    /// Median absolute deviation.
    public var mad: Double
    /// The first (cold) repetition's value, when there was one.
    public var cold: Double?
    /// True when the spread is large relative to the median (MAD/median > 10 % or max/min > 1.5).
    public var wide: Bool

    public init(n: Int, min: Double, max: Double, mad: Double, cold: Double?, wide: Bool) {
        self.n = n
        self.min = min
        self.max = max
        self.mad = mad
        self.cold = cold
        self.wide = wide
    }
}

/// One indicator's value for one tool.
public struct IndicatorValue: Hashable, Codable, Sendable {
    public var indicator: String
    public var criterion: String
    /// The raw number (median for measurements), nil when unknown or categorical.
    public var raw: Double?
    /// The raw value as shown (with unit), or `unknown`.
    public var display: String
    /// 0–10, nil when unknown.
    public var score: Double?
    public var spread: Spread?
    public var evidence: [EvidenceReference]
    /// The score the total counted for an unknown value: the worst score any ranked candidate has on this
    /// indicator (an unknown is never an advantage); nil when the value is known or nobody's is.
    public var countedAs: Double?
    /// The best score any ranked candidate has on this indicator: where the unknown could reach once measured.
    public var couldReach: Double?
    /// The tool ran the step but could not do it (its outcome): the indicator scores 0.
    public var notDone: String?
    /// Other tools whose measurement lies inside this one's noise: they score the same on this indicator.
    public var tiedWith: [String] = []

    public init(
        indicator: String, criterion: String, raw: Double?, display: String, score: Double?, spread: Spread?,
        evidence: [EvidenceReference]
    ) {
        self.indicator = indicator
        self.criterion = criterion
        self.raw = raw
        self.display = display
        self.score = score
        self.spread = spread
        self.evidence = evidence
    }
}

/// How much of a criterion's evidence exists.
public enum Confidence: String, Codable, Sendable, Comparable {
    case none
    case low
    case medium
    case high

    public static func < (a: Confidence, b: Confidence) -> Bool {
        let order: [Confidence] = [.none, .low, .medium, .high]
        return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }
}

/// One criterion's score for one tool.
public struct CriterionScore: Hashable, Codable, Sendable {
    public var criterion: String
    /// 0–10 over the known indicators; nil when none is known.
    public var score: Double?
    public var known: Int
    public var total: Int
    public var confidence: Confidence

    public init(criterion: String, score: Double?, known: Int, total: Int, confidence: Confidence) {
        self.criterion = criterion
        self.score = score
        self.known = known
        self.total = total
        self.confidence = confidence
    }
}

/// One line of the total-cost-of-ownership breakdown.
public struct CostLine: Hashable, Codable, Sendable {
    public var item: String
    /// How the amount was computed, in words with every input (e.g. `5 seats × $50 × 36 months`).
    public var formula: String
    public var amountUSD: Double

    public init(item: String, formula: String, amountUSD: Double) {
        self.item = item
        self.formula = formula
        self.amountUSD = amountUSD
    }
}

/// A tool's total cost of ownership over the horizon.
public struct CostBreakdown: Hashable, Codable, Sendable {
    public var horizonMonths: Int
    public var lines: [CostLine]
    public var totalUSD: Double
    /// How the tool is deployed in this estimate (`library`, `self-hosted service`, ...).
    public var deployment: String = ""
    /// Operations hours a month the deployment needs.
    public var opsHoursPerMonth: Double = 0
    /// Those hours as a share of one engineer's month (160 h).
    public var engineerShare: Double = 0

    public init(horizonMonths: Int, lines: [CostLine], totalUSD: Double) {
        self.horizonMonths = horizonMonths
        self.lines = lines
        self.totalUSD = totalUSD
    }
}

/// One tool's full score in a stage.
public struct ToolScore: Hashable, Codable, Sendable {
    public var tool: String
    public var name: String
    /// Weighted total, 0–10; nil when the tool is eliminated or has insufficient evidence.
    public var total: Double?
    /// 1-based rank among the ranked tools; nil when not ranked.
    public var rank: Int?
    public var criteria: [CriterionScore]
    public var indicators: [IndicatorValue]
    public var cost: CostBreakdown?
    /// Why a gate eliminated the tool.
    public var eliminated: String?
    /// Why the tool could not be ranked (no criterion has any evidence, or it was never run in a stage whose
    /// measured criteria carry weight).
    public var insufficientEvidence: String?
    /// Steps done of the stage's scenario in the tool's selected run; nil when the stage has no scenario or
    /// the tool never ran.
    public var coverage: Coverage?
    /// The run the tool's measurements come from.
    public var evidenceRun: String?
    /// True when the tool was never run in a stage whose measured criteria carry weight: it cannot win.
    public var notMeasured: Bool = false

    public init(
        tool: String, name: String, total: Double?, rank: Int?, criteria: [CriterionScore],
        indicators: [IndicatorValue], cost: CostBreakdown?, eliminated: String?, insufficientEvidence: String?
    ) {
        self.tool = tool
        self.name = name
        self.total = total
        self.rank = rank
        self.criteria = criteria
        self.indicators = indicators
        self.cost = cost
        self.eliminated = eliminated
        self.insufficientEvidence = insufficientEvidence
    }
}

/// The smallest change of one criterion's weight that changes a stage's winner.
public struct FlipPoint: Hashable, Codable, Sendable {
    public var criterion: String
    /// The criterion's normalized weight now (0–1).
    public var weight: Double
    /// The normalized weight at which the winner changes, nil when no weight in [0, 1] does.
    public var flipsAt: Double?
    /// The tool that wins past the flip point.
    public var newWinner: String?

    public init(criterion: String, weight: Double, flipsAt: Double?, newWinner: String?) {
        self.criterion = criterion
        self.weight = weight
        self.flipsAt = flipsAt
        self.newWinner = newWinner
    }
}

/// How robust a stage's decision is to the weights and to the method.
public struct Sensitivity: Hashable, Codable, Sendable {
    public var flipPoints: [FlipPoint]
    /// The criterion whose flip point is nearest the current weight.
    public var mostCritical: String?
    /// Tool → probability of ranking first under Dirichlet-sampled weights.
    public var winProbability: [String: Double]
    public var samples: Int
    public var seed: UInt64
    /// TOPSIS's winner on the same matrix and weights.
    public var topsisWinner: String?
    /// True when the weighted sum and TOPSIS pick the same winner (also when TOPSIS could not be computed).
    public var methodsAgree: Bool
    /// TOPSIS's full order of the ranked tools (empty when it could not be computed).
    public var topsisRanking: [String] = []
    /// The criteria TOPSIS used: the weighted ones known for every ranked tool (it needs a full matrix).
    public var topsisCriteria: [String] = []
    /// The Dirichlet concentration k of the Monte Carlo (weights drawn from Dirichlet(k·w)).
    public var concentration: Double = 0
    /// How many bootstrap draws of the measured repetitions the Monte Carlo cycles through besides the medians
    /// (0: the measurements were not sampled, e.g. no indicator had repetitions).
    public var measurementDraws: Int = 0

    public init(
        flipPoints: [FlipPoint], mostCritical: String?, winProbability: [String: Double], samples: Int, seed: UInt64,
        topsisWinner: String?, methodsAgree: Bool
    ) {
        self.flipPoints = flipPoints
        self.mostCritical = mostCritical
        self.winProbability = winProbability
        self.samples = samples
        self.seed = seed
        self.topsisWinner = topsisWinner
        self.methodsAgree = methodsAgree
    }
}

/// Per stage: every candidate's values, criterion scores, total, rank and sensitivity.
public struct StageScorecard: Hashable, Codable, Sendable {
    public var stage: String
    public var title: String
    /// Ranked tools first (by rank), then unranked ones (by id).
    public var tools: [ToolScore]
    public var winner: String?
    public var runnerUp: String?
    /// Winner's total minus runner-up's total.
    public var margin: Double?
    public var sensitivity: Sensitivity?
    /// The ranked tools' criterion scores and the weights: what the sensitivity analyses read. Unknown
    /// indicators count at the worst known score (see `IndicatorValue.countedAs`).
    public var matrix: DecisionMatrix?
    /// Set when the verdict rests on unknowns: some candidate would overtake the winner with its unknowns at
    /// the best known score.
    public var provisional: Provisional?
    /// Tools tied with the winner (totals equal to two decimals): the stage has no clear winner.
    public var tiedWithWinner: [String] = []
    /// Weighted criteria on which every ranked candidate scores the same: they decide nothing here.
    public var undecisiveCriteria: [String] = []
    /// Warnings about the stage's evidence set (mixed machines or repetition counts, partial runs).
    public var evidenceWarnings: [String] = []
    /// Candidates never run here, listed as not measured.
    public var notMeasured: [String] = []
    /// Bootstrap draws of the matrix from the measured repetitions, for the Monte Carlo; emptied once used.
    var resampled: [DecisionMatrix] = []

    public init(
        stage: String, title: String, tools: [ToolScore], winner: String?, runnerUp: String?, margin: Double?,
        sensitivity: Sensitivity?
    ) {
        self.stage = stage
        self.title = title
        self.tools = tools
        self.winner = winner
        self.runnerUp = runnerUp
        self.margin = margin
        self.sensitivity = sensitivity
    }
}

/// Why a stage's verdict is provisional: which candidate could overtake, and which unknowns decide it.
public struct Provisional: Hashable, Codable, Sendable {
    /// The candidate that would win with its unknowns at the best known score.
    public var challenger: String
    /// `indicator` ids of the challenger's unknowns that flip the verdict on their own; all of them when none
    /// does alone.
    public var deciding: [String]
    /// The challenger's total with its unknowns at their best, against the winner's total.
    public var challengerBest: Double
    public var winnerTotal: Double
    /// What to measure or source next, in words.
    public var next: String

    public init(challenger: String, deciding: [String], challengerBest: Double, winnerTotal: Double, next: String) {
        self.challenger = challenger
        self.deciding = deciding
        self.challengerBest = challengerBest
        self.winnerTotal = winnerTotal
        self.next = next
    }
}

/// Scorecards for every assessed stage under one profile and set of weights.
public struct Scoreboard: Hashable, Codable, Sendable {
    public var profile: String
    /// Normalized weights (sum 1), by criterion id.
    public var weights: [String: Double]
    public var stages: [StageScorecard]
    /// Criterion ids in criteria.yaml order (the column order of tables).
    public var criteria: [String] = []
    /// The weights before normalization, as the profile and any overrides gave them.
    public var relativeWeights: [String: Double] = [:]
    /// The runs the evaluation read (the evidence set of every stage), sorted.
    public var evidenceRuns: [String] = []
    /// `stage/tool` → the run the tool's evidence in that stage comes from (the `EvidenceSet`'s choice), so a
    /// report shows exactly the numbers that were scored.
    public var evidenceSelection: [String: String] = [:]

    /// The run a tool's evidence in a stage comes from; nil when it never ran there.
    public func evidenceRun(stage: String, tool: String) -> String? { evidenceSelection["\(stage)/\(tool)"] }

    public init(profile: String, weights: [String: Double], stages: [StageScorecard]) {
        self.profile = profile
        self.weights = weights
        self.stages = stages
    }
}
