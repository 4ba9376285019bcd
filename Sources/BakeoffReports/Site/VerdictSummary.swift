import BakeoffModel
import BakeoffScoring

/// What a reader needs first about one stage's decision, read from its scorecard in one place: who wins and by
/// how much, the indicators that made the difference, how much of each candidate's scenario was done, and what
/// the confidence rests on. The stage page's verdict, its deciding chart and comparison table, and the
/// overview's row all read this value, so they cannot disagree.
///
/// Everything the scoring decided is read from the scorecard (coverage, never-run tools, ties, noise ties,
/// provisional verdicts, unknowns counted at the worst known score, evidence-set warnings); this value only
/// splits the margin by indicator and words the confidence.
public struct VerdictSummary: Sendable {
    /// One candidate's value on an indicator, as shown.
    public struct Value: Sendable {
        public var tool: String
        public var display: String
        public var raw: Double?
        public var score: Double?
        public var spread: Spread?
        public var evidence: [EvidenceReference]

        /// The display without the repetition count the scorer appends (`1.2 s (n=3)` → `1.2 s`), for prose.
        public var bare: String {
            guard let n = spread?.n else { return display }
            let suffix = " (n=\(n))"
            return display.hasSuffix(suffix) ? String(display.dropLast(suffix.count)) : display
        }
    }

    /// An indicator that separates the winner from the runner-up.
    public struct Deciding: Sendable {
        public var indicator: String
        public var title: String
        public var unit: String
        public var criterion: String
        public var direction: Direction
        /// Weighted points of the total this indicator gives the winner over the runner-up (negative: the
        /// runner-up is ahead on it). When both have the same criteria known, the contributions add up to the
        /// margin.
        public var contribution: Double
        /// True when the value comes from scenario runs rather than sourced facts or the cost model.
        public var measured: Bool
        /// True when the scorer found the winner's and the runner-up's measurements inside each other's noise.
        public var withinNoise: Bool
        /// Every candidate's value, in the scorecard's order.
        public var values: [Value]

        /// The unit to name beside the values; empty for bytes, which the values carry scaled (`53.8 MiB`).
        public var shownUnit: String { unit == "bytes" ? "" : unit }
    }

    /// How much of the stage's scenario one candidate did.
    public struct StepsDone: Sendable {
        public var tool: String
        public var done: Int
        public var total: Int
        /// True when no step of the tool was ever run.
        public var neverRun: Bool
    }

    public var stage: String
    /// Tool id → name, for every scored candidate.
    public var names: [String: String]
    public var winner: ToolScore?
    public var runnerUp: ToolScore?
    public var margin: Double?
    /// Indicators known for both the winner and the runner-up, by how much they moved the margin (largest
    /// absolute contribution first).
    public var deciding: [Deciding]
    /// Per candidate, in the scorecard's order; empty when the stage has no scenario.
    public var stepsDone: [StepsDone]
    /// Shares of the profile's weight behind the winner's total: measured in runs, from sourced facts (and the
    /// cost model), and unknown. They add up to 1.
    public var measuredShare: Double
    public var factShare: Double
    public var unknownShare: Double
    /// The scorecard's sentence on a provisional verdict (`Provisional: B would overtake …; to settle it, …`);
    /// nil when no unknown could reverse it.
    public var provisional: String?
    /// The names of the candidates tied with the winner (the scorecard's noise rule): no clear winner.
    public var tiedWithWinner: [String]
    public var winProbability: Double?
    public var level: Confidence
    /// What the confidence rests on, one short clause each.
    public var reasons: [String]
    /// The reasons that held the level below high.
    public var limits: [String]

    /// Reads one stage's scorecard. `criteria` in table order; `weights` normalized.
    public init(card: StageScorecard?, stage: Stage, criteria: [Criterion], weights: [String: Double]) {
        self.stage = stage.id
        let winner = card?.winner.flatMap { w in card?.tools.first { $0.tool == w } }
        let runnerUp = card?.runnerUp.flatMap { r in card?.tools.first { $0.tool == r } }
        self.winner = winner
        self.runnerUp = runnerUp
        self.margin = card?.margin
        self.winProbability = winner.flatMap { card?.sensitivity?.winProbability[$0.tool] }
        let tools = card?.tools ?? []
        names = Dictionary(tools.map { ($0.tool, $0.name) }, uniquingKeysWith: { a, _ in a })

        deciding = Self.deciding(winner: winner, runnerUp: runnerUp, tools: tools, criteria: criteria, weights: weights)
        stepsDone = Self.stepsDone(stage: stage, tools: tools)
        (measuredShare, factShare, unknownShare) = winner.map { Self.shares($0, criteria: criteria, weights: weights) } ?? (0, 0, 1)
        provisional = card.flatMap(VerdictNotes.provisional)
        tiedWithWinner = (card?.tiedWithWinner ?? []).map { id in tools.first { $0.tool == id }?.name ?? id }
        (level, reasons, limits) = Self.confidence(
            winner: winner, runnerUp: runnerUp, deciding: deciding, stepsDone: stepsDone, shares: (measuredShare, factShare, unknownShare),
            provisional: card?.provisional.map { p in tools.first { $0.tool == p.challenger }?.name ?? p.challenger },
            tied: !tiedWithWinner.isEmpty, winProbability: winProbability, warnings: card?.evidenceWarnings ?? [],
            hasScenario: !(stage.scenario?.steps.isEmpty ?? true))
    }

    /// The deciding indicator a reader should see first: the measured one that gave the winner most, else any
    /// indicator that did.
    public var leadingMeasurement: Deciding? { ahead.first { $0.measured } ?? ahead.first }

    /// The indicators that gave the winner its lead, largest first.
    public var ahead: [Deciding] { deciding.filter { $0.contribution > 0.005 } }

    /// The deciding chart's panels: the indicator that gave the winner most, and the measured one that gave it
    /// most when that is a different one (else the second largest).
    public func chartIndicators() -> [Deciding] {
        guard let first = ahead.first else { return [] }
        let second = first.measured ? ahead.dropFirst().first : (ahead.first { $0.measured } ?? ahead.dropFirst().first)
        return [first] + (second.map { [$0] } ?? [])
    }

    // MARK: derivations

    /// Splits the winner's margin over the runner-up into indicator contributions. A criterion's score is the
    /// indicator-weighted mean of its scored indicators, an unknown one counted at the worst known score
    /// (`countedAs`, see `Scorer`), so indicator i adds w(criterion) × ω(i) × (s_winner(i)/Ω_winner −
    /// s_runnerUp(i)/Ω_runnerUp), where Ω is the sum of ω over the tool's scored indicators of the criterion.
    /// Only indicators known for both are listed: an unknown is not a measured difference.
    static func deciding(
        winner: ToolScore?, runnerUp: ToolScore?, tools: [ToolScore], criteria: [Criterion], weights: [String: Double]
    ) -> [Deciding] {
        guard let winner, let runnerUp else { return [] }
        var out: [Deciding] = []
        for criterion in criteria {
            let w = weights[criterion.id] ?? 0
            guard w > 0 else { continue }
            func omega(_ id: String) -> Double { criterion.indicators.first { $0.id == id }?.weight ?? 1 }
            func knownWeight(_ tool: ToolScore) -> Double {
                tool.indicators.filter { $0.criterion == criterion.id && Self.counted($0) != nil }.reduce(0) { $0 + omega($1.indicator) }
            }
            let (ow, or) = (knownWeight(winner), knownWeight(runnerUp))
            guard ow > 0, or > 0 else { continue }
            for value in winner.indicators where value.criterion == criterion.id {
                guard let a = value.score, let b = runnerUp.indicators.first(where: { $0.indicator == value.indicator })?.score,
                    let definition = criterion.indicators.first(where: { $0.id == value.indicator })
                else { continue }
                let contribution = w * omega(value.indicator) * (a / ow - b / or)
                let values = tools.map { tool -> Value in
                    let v = tool.indicators.first { $0.indicator == value.indicator }
                    return Value(
                        tool: tool.tool,
                        display: v.map {
                            $0.raw == nil && $0.display.isEmpty
                                ? Format.unknown : Format.indicator($0.display, raw: $0.raw, unit: definition.unit, n: $0.spread?.n)
                        } ?? Format.unknown,
                        raw: v?.raw, score: v?.score, spread: v?.spread, evidence: v?.evidence ?? [])
                }
                let measured = value.evidence.contains { if case .observations = $0 { true } else { false } }
                // The scorer's noise rule: measurements inside each other's spread score the same.
                let overlap = value.tiedWith.contains(runnerUp.tool)
                out.append(
                    Deciding(
                        indicator: value.indicator, title: definition.title, unit: definition.unit, criterion: criterion.id,
                        direction: definition.direction, contribution: contribution, measured: measured, withinNoise: overlap, values: values))
            }
        }
        return out.sorted { (abs($0.contribution), $1.indicator) > (abs($1.contribution), $0.indicator) }
    }

    /// The score an indicator counts with: its own, or, unknown, the worst known score it was counted at.
    static func counted(_ value: IndicatorValue) -> Double? { value.score ?? value.countedAs }

    /// Steps done k of n per tool, from the scorecard's coverage of each tool's selected run; a tool with no
    /// coverage in a stage with a scenario never ran.
    static func stepsDone(stage: Stage, tools: [ToolScore]) -> [StepsDone] {
        let steps = stage.scenario?.steps.count ?? 0
        guard steps > 0 else { return [] }
        return tools.map { tool in
            guard let c = tool.coverage, !tool.notMeasured else { return StepsDone(tool: tool.tool, done: 0, total: steps, neverRun: true) }
            return StepsDone(tool: tool.tool, done: c.done, total: c.total, neverRun: false)
        }
    }

    /// The shares of the weight behind a tool's total, at indicator level: an indicator's share of its
    /// criterion's weight is ω(i)/Σω over the criterion's indicators that apply here.
    static func shares(_ tool: ToolScore, criteria: [Criterion], weights: [String: Double]) -> (Double, Double, Double) {
        var measured = 0.0, facts = 0.0, all = 0.0
        for criterion in criteria {
            let w = weights[criterion.id] ?? 0
            guard w > 0 else { continue }
            all += w
            let applying = tool.indicators.filter { $0.criterion == criterion.id }
            func omega(_ id: String) -> Double { criterion.indicators.first { $0.id == id }?.weight ?? 1 }
            let total = applying.reduce(0) { $0 + omega($1.indicator) }
            guard total > 0 else { continue }
            for value in applying where value.score != nil {
                let share = w * omega(value.indicator) / total
                if value.evidence.contains(where: { if case .observations = $0 { true } else { false } }) {
                    measured += share
                } else {
                    facts += share
                }
            }
        }
        guard all > 0 else { return (0, 0, 1) }
        let m = measured / all, f = facts / all
        return (m, f, max(0, 1 - m - f))
    }

    /// A level that follows the evidence: how much of the weight is known, whether the winner did the whole
    /// scenario, whether the deciding measurement is outside the noise, how often the winner stays first, and
    /// whether unknowns could reverse it. The lowest condition met sets the level; `limits` names the ones
    /// that held it below high.
    static func confidence(
        winner: ToolScore?, runnerUp: ToolScore?, deciding: [Deciding], stepsDone: [StepsDone],
        shares: (measured: Double, facts: Double, unknown: Double), provisional challenger: String?, tied: Bool,
        winProbability: Double?, warnings: [String], hasScenario: Bool
    ) -> (Confidence, [String], [String]) {
        guard let winner else { return (.none, ["no candidate could be ranked"], []) }
        var level = Confidence.high
        var reasons: [String] = []
        var limits: [String] = []
        func note(_ text: String, capping c: Confidence? = nil, limit: String? = nil) {
            reasons.append(text)
            guard let c else { return }
            limits.append(limit ?? text)
            if c < level { level = c }
        }

        let known = shares.measured + shares.facts
        let split = "\(Format.percent(shares.measured)) of the weight measured in runs, \(Format.percent(shares.facts)) from sourced facts"
            + (shares.unknown > 0.005 ? ", \(Format.percent(shares.unknown)) unknown" : "")
        note(
            split, capping: known < 0.6 - 1e-9 ? .low : (known < 0.9 - 1e-9 ? .medium : nil),
            limit: "only \(Format.percent(known)) of the weight known")
        if hasScenario && shares.measured < 0.005 { note("nothing measured decides it", capping: .medium) }

        if let mine = stepsDone.first(where: { $0.tool == winner.tool }) {
            var text = mine.neverRun ? "\(winner.name) never ran" : "\(winner.name) did \(mine.done) of \(mine.total) steps"
            if let runnerUp, let theirs = stepsDone.first(where: { $0.tool == runnerUp.tool }) {
                text += theirs.neverRun ? ", \(runnerUp.name) never ran" : ", \(runnerUp.name) \(theirs.done) of \(theirs.total)"
            }
            note(text, capping: mine.neverRun ? .low : (mine.done < mine.total ? .medium : nil))
        }
        if let lead = deciding.first(where: { $0.contribution > 0.005 && $0.measured }) {
            if lead.withinNoise {
                note("the deciding measurement is inside the noise", capping: .medium)
            } else if let n = lead.values.first(where: { $0.tool == winner.tool })?.spread?.n {
                note("the deciding measurement is outside the noise (n=\(n))")
            }
        }
        if tied { note("tied with the winner on the total", capping: .low) }
        if let p = winProbability {
            note("first in \(Format.percent(p)) of sampled weightings", capping: p < 0.5 ? .low : (p < 0.8 ? .medium : nil))
        }
        if let challenger { note("provisional: \(challenger) could overtake with its unknowns at their best", capping: .medium) }
        if !warnings.isEmpty { note("the evidence set has \(warnings.count) warning\(warnings.count == 1 ? "" : "s")", capping: .medium) }
        return (level, reasons, limits)
    }
}
