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

    public init(
        profile: String? = nil, weightOverrides: [String: Double] = [:], samples: Int = 100_000,
        seed: UInt64 = 20261129
    ) {
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

    public var description: String {
        switch self {
        case .unknownProfile(let id, let known):
            "unknown profile '\(id)'; \(Suggestion.hint(for: id, among: known, what: "profile"))"
        case .unknownCriterion(let id, let known):
            "unknown criterion '\(id)'; \(Suggestion.hint(for: id, among: known, what: "criterion"))"
        case .invalidWeight(let criterion, let value):
            "the weight of '\(criterion)' is \(Numbers.format(value)); give a finite weight of 0 or more"
        case .allWeightsZero(let profile):
            "every criterion weight of profile '\(profile)' is 0; give at least one criterion a positive weight"
        case .invalidSamples(let n):
            "\(n) Monte Carlo samples; give 0 (off) or a positive number"
        }
    }
}

/// Did-you-mean hints for ids typed on the command line.
public enum Suggestion {
    /// `did you mean 'x'?` when a known id is close, otherwise the list of known ids.
    public static func hint(for text: String, among known: [String], what: String) -> String {
        let sorted = known.sorted()
        let best = sorted.map { ($0, distance(text.lowercased(), $0.lowercased())) }
            .min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        if let best, best.1 <= max(2, text.count / 3) { return "did you mean '\(best.0)'?" }
        return sorted.isEmpty ? "no \(what) is defined" : "known: \(sorted.joined(separator: ", "))"
    }

    /// Optimal-string-alignment distance: a transposition counts as one edit.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[x.count][y.count]
    }
}
