/// A fact's value: text, a number, a yes/no, or a list of texts.
public enum FactValue: Hashable, Codable, Sendable, CustomStringConvertible {
    case text(String)
    case number(Double)
    case flag(Bool)
    case list([String])

    public var description: String {
        switch self {
        case .text(let s): s
        case .number(let n): Numbers.format(n)
        case .flag(let b): b ? "yes" : "no"
        case .list(let items): items.joined(separator: ", ")
        }
    }

    public var number: Double? { if case .number(let n) = self { n } else { nil } }
    public var text: String? { if case .text(let s) = self { s } else { nil } }
    public var list: [String]? { if case .list(let l) = self { l } else { nil } }
}

/// A sourced statement about a tool.
public struct Fact: Hashable, Codable, Sendable {
    public var key: String
    public var value: FactValue
    /// An http(s) URL a reader can open.
    public var source: String
    public var asOf: Day
    public var note: String?

    public init(key: String, value: FactValue, source: String, asOf: Day, note: String? = nil) {
        self.key = key
        self.value = value
        self.source = source
        self.asOf = asOf
        self.note = note
    }
}

/// A product that could fill a stage.
public struct Tool: Hashable, Codable, Sendable {
    public var id: String
    public var name: String
    public var homepage: String
    public var summary: String
    public var facts: [Fact]
    /// How the team would run it (the team's plan, not a vendor fact); nil: derived from the `hosting` fact.
    public var deployment: Deployment?

    public init(id: String, name: String, homepage: String, summary: String, facts: [Fact]) {
        self.id = id
        self.name = name
        self.homepage = homepage
        self.summary = summary
        self.facts = facts
    }

    /// The fact with this key, if the tool has one.
    public func fact(_ key: String) -> Fact? { facts.first { $0.key == key } }
}

/// A table of things compared on facts alone (e.g. hosted CI services, branching strategies).
public struct FactComparison: Hashable, Codable, Sendable {
    public var id: String
    public var title: String
    public var items: [Tool]

    public init(id: String, title: String, items: [Tool]) {
        self.id = id
        self.title = title
        self.items = items
    }
}

/// A scenario parameter (a size, a count) with what it means.
public struct ScenarioParameter: Hashable, Codable, Sendable {
    public var name: String
    public var value: String
    public var description: String

    public init(name: String, value: String, description: String) {
        self.name = name
        self.value = value
        self.description = description
    }
}

/// One named step every candidate of a stage performs.
public struct ScenarioStep: Hashable, Codable, Sendable {
    public var id: String
    public var title: String
    public var description: String
    /// Seconds before the step's process group is stopped.
    public var timeoutSeconds: Double
    /// Metrics the step is expected to print (name → unit).
    public var metrics: [String: String]

    public init(
        id: String, title: String, description: String, timeoutSeconds: Double, metrics: [String: String] = [:]
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.timeoutSeconds = timeoutSeconds
        self.metrics = metrics
    }
}

/// The scripted work every candidate of a stage must do.
public struct Scenario: Hashable, Codable, Sendable {
    public var description: String
    public var parameters: [ScenarioParameter]
    public var steps: [ScenarioStep]

    public init(description: String, parameters: [ScenarioParameter], steps: [ScenarioStep]) {
        self.description = description
        self.parameters = parameters
        self.steps = steps
    }
}

/// How an adapter's tool gets installed.
public enum InstallSpec: Hashable, Codable, Sendable {
    /// A uv virtual environment synced from a lock file (paths relative to the adapter folder).
    case python(version: String, requirements: String, lock: String)
    /// Debian packages that must be present, and the command that prints the tool's version.
    case debian(packages: [String], versionCommand: [String])
}

/// How an adapter performs one scenario step.
public enum AdapterStep: Hashable, Codable, Sendable {
    /// Run a command (argv; `{adapter}`, `{work}`, `{port}`, `{param.NAME}` are substituted).
    case command([String])
    /// Start a server, wait until `health` answers on 127.0.0.1:{port}, run `client` against it
    /// (if any), then stop the server.
    case server(command: [String], health: String, client: [String]?, readySeconds: Double)
    /// The tool cannot do this step here, and why.
    case unsupported(reason: String)
}

/// How one tool performs its stage's scenario.
public struct Adapter: Hashable, Codable, Sendable {
    public var tool: String
    /// The adapter folder, relative to the project root.
    public var directory: String
    public var install: InstallSpec
    /// Extra environment for every step (telemetry switches, tool homes under `{home}`).
    public var environment: [String: String]
    public var steps: [String: AdapterStep]
    /// The tool's role module for integrations (`integrate.py`), relative to the project root; nil when none.
    public var role: String?

    public init(
        tool: String, directory: String, install: InstallSpec, environment: [String: String],
        steps: [String: AdapterStep], role: String? = nil
    ) {
        self.tool = tool
        self.directory = directory
        self.install = install
        self.environment = environment
        self.steps = steps
        self.role = role
    }
}

/// Where a stage sits in the project's architecture diagram (`flow:` in stage.yaml).
public struct StageFlow: Hashable, Codable, Sendable {
    /// The main lane carries the work from stage to stage, left to right; the side lane runs above it (e.g.
    /// CI/CD acting on the code of other stages).
    public enum Lane: String, Codable, Sendable, CaseIterable {
        case main
        case side
    }

    /// A box feeding the stage from the left (e.g. "Data: raw tables and files").
    public struct Source: Hashable, Codable, Sendable {
        public var title: String
        public var note: String

        public init(title: String, note: String = "") {
            self.title = title
            self.note = note
        }
    }

    /// An extra labelled edge from this stage to another.
    public struct Feed: Hashable, Codable, Sendable {
        /// `feedback` runs below the main lane, back to an earlier stage; `side` comes down from the side lane.
        public enum Kind: String, Codable, Sendable, CaseIterable {
            case feedback
            case side
        }

        public var to: String
        public var kind: Kind
        public var label: String?

        public init(to: String, kind: Kind, label: String? = nil) {
            self.to = to
            self.kind = kind
            self.label = label
        }
    }

    public var lane: Lane
    /// The stages this one follows; nil: the previous stage of its lane in pipeline order; empty: none (a start).
    public var after: [String]?
    public var source: Source?
    public var feeds: [Feed]

    public init(lane: Lane = .main, after: [String]? = nil, source: Source? = nil, feeds: [Feed] = []) {
        self.lane = lane
        self.after = after
        self.source = source
        self.feeds = feeds
    }
}

/// One step of the project's pipeline, with its candidates, scenario and adapters.
public struct Stage: Hashable, Codable, Sendable {
    public var id: String
    /// Position in the pipeline (1–6 for the bundled catalog).
    public var order: Int
    public var title: String
    public var question: String
    public var candidates: [Tool]
    public var comparisons: [FactComparison]
    public var scenario: Scenario?
    public var adapters: [Adapter]
    /// Its place in the architecture diagram; nil: after the previous stage, in order.
    public var flow: StageFlow?
    /// The stage this one is a part of (`part_of` in stage.yaml), e.g. the CI service and the branching
    /// strategy are parts of CI/CD: each part is scored on its own and picks its own winner, while a rubric
    /// or a diagram that counts pipeline stages counts the parent once. Nil for a stage of its own.
    public var partOf: String?

    public init(
        id: String, order: Int, title: String, question: String, candidates: [Tool],
        comparisons: [FactComparison] = [], scenario: Scenario? = nil, adapters: [Adapter] = [], flow: StageFlow? = nil,
        partOf: String? = nil
    ) {
        self.flow = flow
        self.id = id
        self.order = order
        self.title = title
        self.question = question
        self.candidates = candidates
        self.comparisons = comparisons
        self.scenario = scenario
        self.adapters = adapters
        self.partOf = partOf
    }

    public func candidate(_ id: String) -> Tool? { candidates.first { $0.id == id } }
    public func adapter(for tool: String) -> Adapter? { adapters.first { $0.tool == tool } }
}
