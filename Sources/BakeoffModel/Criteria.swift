/// Whether a larger or a smaller raw value is better.
public enum Direction: String, Codable, Sendable {
    case higher
    case lower
}

/// What a step measurement reads from an observation.
public enum Measure: Hashable, Codable, Sendable {
    case wall
    case cpu
    case memory
    /// A named metric the step printed in its JSON line.
    case metric(String)

    /// The measure's name as written in criteria.yaml (`wall`, `cpu`, `memory`, `metric.NAME`).
    public var name: String {
        switch self {
        case .wall: "wall"
        case .cpu: "cpu"
        case .memory: "memory"
        case .metric(let name): "metric.\(name)"
        }
    }

    /// Parses the criteria.yaml spelling; nil for anything unknown.
    public init?(name: String) {
        switch name {
        case "wall": self = .wall
        case "cpu": self = .cpu
        case "memory": self = .memory
        default:
            guard name.hasPrefix("metric."), name.count > 7 else { return nil }
            self = .metric(String(name.dropFirst(7)))
        }
    }
}

/// Where an indicator's raw value comes from.
extension IndicatorSource {
    /// Whether the value comes from running the tool (a step's measurement or the scenario coverage).
    public var isMeasured: Bool {
        switch self {
        case .step, .capability: true
        case .fact, .totalCostOfOwnership, .integrationCount: false
        }
    }
}

public enum IndicatorSource: Hashable, Codable, Sendable {
    /// A measurement of a scenario step, aggregated over repetitions (median).
    case step(id: String, measure: Measure)
    /// A fact of the candidate (numeric, boolean or categorical through a map).
    case fact(key: String)
    /// The number of the stage's scenario steps the tool completed, over all steps (0–1).
    case capability
    /// Total cost of ownership from the cost model.
    case totalCostOfOwnership
    /// How many of the other stages' candidates the tool integrates with (from the `integrations` fact).
    case integrationCount
}

/// How a raw value becomes a 0–10 score.
public enum Normalization: Hashable, Codable, Sendable {
    /// Linear between the worst and the best value among the stage's candidates.
    case minMax
    /// Best value / value (lower is better) or value / best (higher is better), times 10.
    case ratioToBest
    /// A fixed map from categorical values to scores; `default` for unlisted values (nil: unknown).
    case map([String: Double], default: Double?)
    /// Linear between two fixed anchors: `worst` scores 0 and `best` scores 10, clamped.
    case linear(worst: Double, best: Double)
}

/// One measurable or sourced quantity that feeds a criterion.
public struct Indicator: Hashable, Codable, Sendable {
    public var id: String
    public var title: String
    public var description: String
    public var unit: String
    public var direction: Direction
    public var source: IndicatorSource
    public var normalization: Normalization
    /// The stages this indicator applies to; empty means every stage where its source has data.
    public var stages: [String]
    /// Relative weight of the indicator within its criterion (1 by default).
    public var weight: Double

    public init(
        id: String, title: String, description: String, unit: String, direction: Direction,
        source: IndicatorSource, normalization: Normalization, stages: [String] = [], weight: Double = 1
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.unit = unit
        self.direction = direction
        self.source = source
        self.normalization = normalization
        self.stages = stages
        self.weight = weight
    }

    /// Whether the indicator is scored in a stage.
    public func applies(to stage: String) -> Bool { stages.isEmpty || stages.contains(stage) }
}

/// One of the five decision criteria.
public struct Criterion: Hashable, Codable, Sendable {
    public var id: String
    public var title: String
    public var description: String
    public var indicators: [Indicator]

    public init(id: String, title: String, description: String, indicators: [Indicator]) {
        self.id = id
        self.title = title
        self.description = description
        self.indicators = indicators
    }
}

/// Cost-model inputs for one company kind.
public struct CostInputs: Hashable, Codable, Sendable {
    /// People who need a seat (the platform team plus the data scientists it serves).
    public var seats: Int
    /// Engineer cost per hour, in USD.
    public var hourlyRateUSD: Double
    /// Monthly cost of the infrastructure one self-hosted server needs, in USD.
    public var serverMonthlyUSD: Double
    /// Operations hours per month a self-hosted server needs.
    public var opsHoursPerMonth: Double

    public init(seats: Int, hourlyRateUSD: Double, serverMonthlyUSD: Double, opsHoursPerMonth: Double) {
        self.seats = seats
        self.hourlyRateUSD = hourlyRateUSD
        self.serverMonthlyUSD = serverMonthlyUSD
        self.opsHoursPerMonth = opsHoursPerMonth
    }
}

/// The total-cost-of-ownership model's assumptions, stated in criteria.yaml.
public struct CostModel: Hashable, Codable, Sendable {
    public var horizonMonths: Int
    public var inputs: [CompanyKind: CostInputs]
    /// Where the assumptions come from (shown beside every cost figure).
    public var basis: String

    public init(horizonMonths: Int, inputs: [CompanyKind: CostInputs], basis: String) {
        self.horizonMonths = horizonMonths
        self.inputs = inputs
        self.basis = basis
    }
}

/// A must-have: a candidate whose fact is not among the allowed values is eliminated.
/// A must-have step: a candidate that ran but could not do a scenario step named `step` is eliminated.
public struct Gate: Hashable, Codable, Sendable {
    public var fact: String
    public var allowed: [String]
    public var reason: String
    /// A scenario step the candidate must have done (then `fact` and `allowed` are unused).
    public var step: String?

    public init(fact: String, allowed: [String], reason: String, step: String? = nil) {
        self.fact = fact
        self.allowed = allowed
        self.reason = reason
        self.step = step
    }
}

/// A set of criterion weights with the reason for each.
public struct Profile: Hashable, Codable, Sendable {
    public var id: String
    public var title: String
    public var description: String
    /// Relative weights; normalized to sum 1 when scoring.
    public var weights: [String: Double]
    public var rationale: [String: String]
    public var gates: [Gate]

    public init(
        id: String, title: String, description: String, weights: [String: Double],
        rationale: [String: String], gates: [Gate] = []
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.weights = weights
        self.rationale = rationale
        self.gates = gates
    }
}
