import BakeoffModel

/// What to score with: the profile, what-if weights, and the Monte Carlo settings.
public struct ScoringOptions: Sendable {
    /// The profile id; nil means the team's profile from bakeoff.yaml.
    public var profile: String?
    /// Criterion id → relative weight, replacing the profile's weight for that criterion (same scale as the profile).
    public var weightOverrides: [String: Double]
    /// Monte Carlo weight samples per stage (0 turns the Monte Carlo off).
    public var samples: Int
    /// Seed of the Monte Carlo; the same seed gives the same probabilities on every machine.
    public var seed: UInt64
    /// Run ids pinned as the evidence set on top of the project's own pins (`--pin`).
    public var pins: [String] = []

    public init(
        profile: String? = nil, weightOverrides: [String: Double] = [:], samples: Int = 100_000,
        seed: UInt64 = 20261129, pins: [String] = []
    ) {
        self.pins = pins
        self.profile = profile
        self.weightOverrides = weightOverrides
        self.samples = samples
        self.seed = seed
    }
}

/// Why a project could not be scored with the given options.
public enum ScoringError: Error, Equatable, CustomStringConvertible, Sendable {
    case unknownProfile(String, known: [String])
    case unknownCriterion(String, known: [String])
    case invalidWeight(criterion: String, value: Double)
    case allWeightsZero(profile: String)
    case invalidSamples(Int)
    case unknownPinnedRun(String, known: [String])

    public var description: String {
        switch self {
        case .unknownProfile(let id, let known):
            "unknown profile '\(id)'; \(Spelling.hint(for: id, among: known, what: "profile"))"
        case .unknownCriterion(let id, let known):
            "unknown criterion '\(id)'; \(Spelling.hint(for: id, among: known, what: "criterion"))"
        case .invalidWeight(let criterion, let value):
            "the weight of '\(criterion)' is \(Numbers.format(value)); give a finite weight of 0 or more"
        case .allWeightsZero(let profile):
            "every criterion weight of profile '\(profile)' is 0; give at least one criterion a positive weight"
        case .unknownPinnedRun(let id, let known):
            "no recorded run '\(id)' to pin (--pin or evidence.pin in bakeoff.yaml); \(Spelling.hint(for: id, among: known, what: "run"))"
        case .invalidSamples(let n):
            "\(n) Monte Carlo samples; give 0 (off) or a positive number"
        }
    }
}

