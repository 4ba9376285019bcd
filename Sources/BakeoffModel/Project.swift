/// Everything a project consists of: the team, the criteria, the profiles and the stages.
public struct Project: Hashable, Sendable {
    /// Absolute path of the folder holding `bakeoff.yaml`.
    public var root: String
    public var team: Team
    public var criteria: [Criterion]
    public var costModel: CostModel
    public var profiles: [Profile]
    /// Stages in pipeline order.
    public var stages: [Stage]
    /// Hand-offs between neighbouring stages (`integrations/<id>/`), by id.
    public var integrations: [Integration]

    public init(
        root: String, team: Team, criteria: [Criterion], costModel: CostModel, profiles: [Profile],
        stages: [Stage], integrations: [Integration] = []
    ) {
        self.integrations = integrations
        self.root = root
        self.team = team
        self.criteria = criteria
        self.costModel = costModel
        self.profiles = profiles
        self.stages = stages
    }

    /// The rules the deliverables are checked against (team size, talk timing, stages, check-ins...): the
    /// course's when `bakeoff.yaml` has a `rubric:` block, else the generic proof-of-concept checklist.
    public var rubric: RubricRules { team.rubric }

    public func stage(_ id: String) -> Stage? { stages.first { $0.id == id } }
    public func profile(_ id: String) -> Profile? { profiles.first { $0.id == id } }
    public func integration(_ id: String) -> Integration? { integrations.first { $0.id == id } }

    /// The stages the team assesses, in pipeline order, each narrowed to the team's candidates.
    public var assessedStages: [Stage] {
        stages.compactMap { stage in
            guard let assignment = team.assignment(for: stage.id) else { return nil }
            var narrowed = stage
            narrowed.candidates = assignment.candidates.compactMap { stage.candidate($0.tool) }
            return narrowed
        }
    }

    /// The assessed stages that are not part of another (the pipeline's own stages, as a course counts them).
    public var mainStages: [Stage] { assessedStages.filter { $0.partOf == nil } }

    /// The assessed stages that are parts of `stage` (e.g. a CI service and a branching strategy within CI/CD).
    public func parts(of stage: String) -> [Stage] { assessedStages.filter { $0.partOf == stage } }
}
