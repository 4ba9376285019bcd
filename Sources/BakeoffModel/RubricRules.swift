/// What the deliverables are checked against: a course's rules (the `rubric:` block of `bakeoff.yaml`), or the
/// generic checklist any proof of concept meets when the project names no rubric.
///
/// Every rule is optional data, so a one-stage POC and the six-stage course project share one checker.
public struct RubricRules: Hashable, Codable, Sendable {
    /// A tool that must be among one stage's candidates (e.g. MLflow in experiment tracking).
    public struct RequiredTool: Hashable, Codable, Sendable {
        public var stage: String
        public var tool: String

        public init(stage: String, tool: String) {
            self.stage = stage
            self.tool = tool
        }
    }

    /// What the checklist is called in `check --rubric` (the course's name, or "generic proof-of-concept checklist").
    public var title: String
    /// The least number of stages the team must assess; nil: any number.
    public var stages: Int?
    /// The least number of candidates every assessed stage compares.
    public var candidatesPerStage: Int
    /// Tools that must be among a stage's candidates.
    public var requiredTools: [RequiredTool]
    /// The number of weekly check-ins required; nil: the schedule's own (group details and one per stage).
    public var checkins: Int?
    /// The allowed number of members; nil: any.
    public var teamSize: ClosedRange<Int>?
    /// The talk's hard limit in seconds; nil: the team's own `talk.limit`.
    public var talkLimitSeconds: Int?
    /// The least each member must speak, in seconds; nil: the team's own `talk.minimum_per_member`.
    public var minimumPerMemberSeconds: Int?

    public init(
        title: String, stages: Int? = nil, candidatesPerStage: Int = 2, requiredTools: [RequiredTool] = [],
        checkins: Int? = nil, teamSize: ClosedRange<Int>? = nil, talkLimitSeconds: Int? = nil,
        minimumPerMemberSeconds: Int? = nil
    ) {
        self.title = title
        self.stages = stages
        self.candidatesPerStage = candidatesPerStage
        self.requiredTools = requiredTools
        self.checkins = checkins
        self.teamSize = teamSize
        self.talkLimitSeconds = talkLimitSeconds
        self.minimumPerMemberSeconds = minimumPerMemberSeconds
    }

    /// The checklist of a project that names no rubric: every stage compares two candidates with the winner and
    /// runner-up measured, each winner has its evidence, the talk fits and every member speaks.
    public static let generic = RubricRules(title: "generic proof-of-concept checklist")

    /// Whether this is the generic checklist (no course rules).
    public var isGeneric: Bool { self == .generic }
}
