/// A scripted hand-off between two tools of neighbouring stages, run in one joint environment against
/// every pair of the two stages' tools that have a role module (`integrate.py` in their adapter folder).
public struct Integration: Hashable, Codable, Sendable {
    public var id: String
    public var title: String
    /// The two stages, upstream first.
    public var stages: [String]
    /// Python version of the joint environments.
    public var python: String
    /// Glue requirements every pair needs, relative to `directory`; nil when none.
    public var requirements: String?
    /// The integration folder, relative to the project root (holds `run.py` and `locks/`).
    public var directory: String
    public var scenario: Scenario

    public init(
        id: String, title: String, stages: [String], python: String, requirements: String?, directory: String,
        scenario: Scenario
    ) {
        self.id = id
        self.title = title
        self.stages = stages
        self.python = python
        self.requirements = requirements
        self.directory = directory
        self.scenario = scenario
    }

    /// The id a pair of tools is recorded under, in the order of `stages`: "luigi+mlflow".
    public static func pairID(_ upstream: String, _ downstream: String) -> String { "\(upstream)+\(downstream)" }
}

/// The integration facts of a tool pair, read from evidence: how a pair fared on every integration step.
public enum PairVerdict: String, Hashable, Codable, Sendable, CaseIterable {
    /// Every step ok in every repetition.
    case works
    /// Some steps ok, others failed or unsupported.
    case partial
    /// No step ok: failed, timed out or skipped.
    case fails
    /// Every step the pair ran was unsupported by one of the tools.
    case unsupported
    /// The two tools cannot share one environment: the joint resolution failed, or the resolved environment
    /// could not be installed.
    case conflicts
}

extension Integration {
    /// How a pair's failed observations begin when its two tools cannot share one environment.
    public static let conflictPrefix = "the two tools cannot share one environment: "
}

/// A recorded co-install check (`bakeoff stack check`, evidence/stack/*.json), as the stack choice and the
/// reports read it.
public struct CoInstallSummary: Hashable, Codable, Sendable {
    /// Every tool of the checked stack (Python and Debian-packaged), by id.
    public var tools: [String]
    public var resolves: Bool
    /// Distributions of the joint Python environment.
    public var distributions: Int
    public var sizeBytes: Int64?
    /// Each conflict in words (`package: tool A wants X; tool B wants Y`).
    public var conflicts: [String]
    public var checkedOn: Day
    public var python: String?
    public var uv: String?
    /// The evidence file, relative to the project root.
    public var file: String

    public init(
        tools: [String], resolves: Bool, distributions: Int, sizeBytes: Int64?, conflicts: [String], checkedOn: Day,
        python: String?, uv: String?, file: String
    ) {
        self.tools = tools
        self.resolves = resolves
        self.distributions = distributions
        self.sizeBytes = sizeBytes
        self.conflicts = conflicts
        self.checkedOn = checkedOn
        self.python = python
        self.uv = uv
        self.file = file
    }
}
