import BakeoffModel

/// One tool of a co-install check: the stage it fills and how it is installed.
public struct CoInstallMember: Hashable, Sendable {
    public var stage: String
    public var tool: String
    /// The adapter folder relative to the project root; nil when the tool has no adapter yet.
    public var directory: String?
    /// nil when the tool has no adapter yet.
    public var install: InstallSpec?

    public init(stage: String, tool: String, directory: String?, install: InstallSpec?) {
        self.stage = stage
        self.tool = tool
        self.directory = directory
        self.install = install
    }

    /// The member for a stage's candidate, with its adapter if the stage has one.
    public init(stage: Stage, tool: String) {
        let adapter = stage.adapter(for: tool)
        self.init(stage: stage.id, tool: tool, directory: adapter?.directory, install: adapter?.install)
    }

    /// Where the tool lives relative to the joint Python environment.
    public var environment: CoInstallEnvironment {
        switch install {
        case .python: .python
        case .debian: .debian
        case nil: .none
        }
    }
}

extension CoInstallMember {
    /// A choice of tools that cannot be checked together: what is wrong and what to do.
    public struct SelectionError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The tools named, each placed in the stage it is a candidate of (a tool listed in two stages fills the
    /// first one not already taken), in pipeline order.
    public static func members(named tools: [String], in project: Project) throws(SelectionError) -> [CoInstallMember] {
        var chosen: [String: String] = [:]  // stage id → tool id
        let everyTool = Set(project.stages.flatMap { $0.candidates.map(\.id) })
        var seen: Set<String> = []
        for tool in tools where seen.insert(tool).inserted {
            let stages = project.stages.filter { $0.candidate(tool) != nil }
            guard !stages.isEmpty else {
                throw SelectionError(
                    description: "unknown tool '\(tool)'; " + Spelling.hint(for: tool, among: Array(everyTool), what: "tool"))
            }
            guard let stage = stages.first(where: { chosen[$0.id] == nil }) else {
                let other = chosen[stages[0].id]!
                throw SelectionError(
                    description: "'\(other)' and '\(tool)' are both candidates of stage '\(stages[0].id)'; "
                        + "a stack has one tool per stage, so name one of them")
            }
            chosen[stage.id] = tool
        }
        return project.stages.compactMap { stage in chosen[stage.id].map { CoInstallMember(stage: stage, tool: $0) } }
    }

    /// One tool per assessed stage: `pick(stage id)` (the recommendation), else the stage's first candidate.
    /// `fallbacks` names those stages as `stage: tool`.
    public static func members(
        of project: Project, pick: (String) -> String?
    ) -> (members: [CoInstallMember], fallbacks: [String]) {
        var members: [CoInstallMember] = []
        var fallbacks: [String] = []
        for stage in project.assessedStages {
            guard let first = stage.candidates.first else { continue }
            let picked = pick(stage.id)
            if picked == nil { fallbacks.append("\(stage.id): \(first.id)") }
            members.append(CoInstallMember(stage: stage, tool: picked ?? first.id))
        }
        return (members, fallbacks)
    }
}
