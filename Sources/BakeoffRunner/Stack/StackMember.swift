import BakeoffModel

/// One tool of a candidate stack: the stage it fills and how it is installed.
public struct StackMember: Hashable, Sendable {
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
    public var environment: StackEnvironment {
        switch install {
        case .python: .python
        case .debian: .debian
        case nil: .none
        }
    }
}

/// Where a stack member's tool is installed.
public enum StackEnvironment: String, Codable, Sendable {
    /// Resolved together with the other Python tools.
    case python
    /// Debian packages: outside the Python environment.
    case debian
    /// No adapter yet, so nothing to resolve.
    case none
}
