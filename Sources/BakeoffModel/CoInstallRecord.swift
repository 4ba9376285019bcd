/// The evidence file of a co-install check (`bakeoff stack check`, `evidence/stack/*.json`, docs/stack.md): value
/// types only, so the runner writes it and the evidence store reads it.

/// A co-install check (`bakeoff stack check`): whether a set of tools, one per stage, install together in one
/// Python environment, and what that joint environment holds. The content of
/// `evidence/stack/<tool ids sorted, joined by +>.json` (docs/stack.md).
public struct CoInstallCheck: Hashable, Codable, Sendable {
    /// The evidence file format's version.
    public static let currentSchema = 1

    /// One tool of the stack.
    public struct Tool: Hashable, Codable, Sendable {
        public var id: String
        public var stage: String
        public var environment: CoInstallEnvironment
        /// The requirements.in resolved (python), relative to the project root.
        public var requirements: String?
        /// The Debian packages the tool needs instead (debian).
        public var debianPackages: [String]?

        public init(
            id: String, stage: String, environment: CoInstallEnvironment, requirements: String?, debianPackages: [String]?
        ) {
            self.id = id
            self.stage = stage
            self.environment = environment
            self.requirements = requirements
            self.debianPackages = debianPackages
        }

        enum CodingKeys: String, CodingKey {
            case id, stage, environment, requirements
            case debianPackages = "debian_packages"
        }
    }

    /// Two of the stack's Python tools resolved on their own (`--pairs`).
    public struct Pair: Hashable, Codable, Sendable {
        /// The two tool ids, sorted.
        public var tools: [String]
        public var resolves: Bool
        public var conflicts: [CoInstallConflict]

        public init(tools: [String], resolves: Bool, conflicts: [CoInstallConflict]) {
            self.tools = tools
            self.resolves = resolves
            self.conflicts = conflicts
        }
    }

    public var schema: Int
    /// The stack in pipeline order.
    public var tools: [Tool]
    /// The Python version resolved for (`--python-version`); nil when the stack has no Python tool.
    public var python: String?
    /// uv's version number; nil when the stack has no Python tool.
    public var uv: String?
    /// The UTC day of the check (the index changes, so a verdict holds as of a day).
    public var checkedOn: Day
    public var resolves: Bool
    /// Pinned distributions of the joint environment (`name==version`, sorted); empty when it does not resolve.
    public var packages: [String]
    /// Disk usage of the joint environment, measured with `--size`; nil when not measured.
    public var sizeBytes: Int64?
    public var conflicts: [CoInstallConflict]
    /// uv's explanation when it does not resolve.
    public var explanation: String?
    /// Every pair of Python tools resolved on its own, sorted by tools; nil when pairs were not checked.
    public var pairs: [Pair]?

    public init(
        tools: [Tool], python: String?, uv: String?, checkedOn: Day, resolves: Bool, packages: [String],
        sizeBytes: Int64?, conflicts: [CoInstallConflict], explanation: String?, pairs: [Pair]? = nil
    ) {
        schema = Self.currentSchema
        self.tools = tools
        self.python = python
        self.uv = uv
        self.checkedOn = checkedOn
        self.resolves = resolves
        self.packages = packages
        self.sizeBytes = sizeBytes
        self.conflicts = conflicts
        self.explanation = explanation
        self.pairs = pairs
    }

    /// Number of distributions in the joint environment.
    public var distributions: Int { packages.count }

    enum CodingKeys: String, CodingKey {
        case schema, tools, python, uv, resolves, packages, distributions, conflicts, explanation, pairs
        case checkedOn = "checked_on"
        case sizeBytes = "size_bytes"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(Int.self, forKey: .schema)
        tools = try c.decode([Tool].self, forKey: .tools)
        python = try c.decodeIfPresent(String.self, forKey: .python)
        uv = try c.decodeIfPresent(String.self, forKey: .uv)
        checkedOn = try c.decode(Day.self, forKey: .checkedOn)
        resolves = try c.decode(Bool.self, forKey: .resolves)
        packages = try c.decode([String].self, forKey: .packages)
        sizeBytes = try c.decodeIfPresent(Int64.self, forKey: .sizeBytes)
        conflicts = try c.decode([CoInstallConflict].self, forKey: .conflicts)
        explanation = try c.decodeIfPresent(String.self, forKey: .explanation)
        pairs = try c.decodeIfPresent([Pair].self, forKey: .pairs)
    }

    // Every key is always present (null when unknown), so readers need no special cases.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(tools, forKey: .tools)
        try c.encode(python, forKey: .python)
        try c.encode(uv, forKey: .uv)
        try c.encode(checkedOn, forKey: .checkedOn)
        try c.encode(resolves, forKey: .resolves)
        try c.encode(packages, forKey: .packages)
        try c.encode(distributions, forKey: .distributions)
        try c.encode(sizeBytes, forKey: .sizeBytes)
        try c.encode(conflicts, forKey: .conflicts)
        try c.encode(explanation, forKey: .explanation)
        try c.encode(pairs, forKey: .pairs)
    }
}

extension CoInstallCheck.Tool {
    // Absent keys are written as null, as at the top level.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(stage, forKey: .stage)
        try c.encode(environment, forKey: .environment)
        try c.encode(requirements, forKey: .requirements)
        try c.encode(debianPackages, forKey: .debianPackages)
    }
}

extension CoInstallCheck {
    /// `evidence/stack/<tool ids sorted, joined by +>.json`, relative to the project root.
    public static func evidencePath(tools: [String]) -> String {
        "evidence/stack/\(tools.sorted().joined(separator: "+")).json"
    }

    /// This check's evidence path, relative to the project root.
    public var evidencePath: String { Self.evidencePath(tools: tools.map(\.id)) }

    /// What the stack scoring and the reports read of a check.
    public var summary: CoInstallSummary {
        CoInstallSummary(
            tools: tools.map(\.id), resolves: resolves, distributions: packages.count, sizeBytes: sizeBytes,
            conflicts: conflicts.map(\.summary), checkedOn: checkedOn, python: python, uv: uv, file: evidencePath)
    }
}

/// A package the stack's tools cannot agree on, and what each side wants.
public struct CoInstallConflict: Hashable, Codable, Sendable {
    /// The distribution name, normalized (`python` for the interpreter itself).
    public var package: String
    /// At least two demands that cannot all hold, sorted.
    public var demands: [ConflictDemand]

    public init(package: String, demands: [ConflictDemand]) {
        self.package = package
        self.demands = demands
    }
}

/// One side of a conflict: who wants which versions of the package, and through which dependencies.
public struct ConflictDemand: Hashable, Codable, Sendable, Comparable {
    /// What imposes the demand.
    public enum Source: String, Codable, Sendable {
        /// A tool's requirements.in names the package itself.
        case requirement
        /// A dependency of a tool's requirement (`via` names the path).
        case dependency
        /// The package index: the versions asked for do not exist.
        case index
        /// The Python version the stack is resolved for.
        case python
    }

    public var source: Source
    /// The tools the demand traces back to (empty for the index, the Python version, or an untraced path).
    public var tools: [String]
    /// The requirement as uv printed it (`websockets>=10.0,<13.0`; several joined by ` | ` for "one of").
    public var requirement: String
    /// The version specifier(s) alone (`>=10.0,<13.0`), or what the index or Python offers, in words.
    public var wants: String
    /// The dependency path from the tool's requirement down to the package that imposes the demand.
    public var via: [String]

    public init(source: Source, tools: [String], requirement: String, wants: String, via: [String]) {
        self.source = source
        self.tools = tools
        self.requirement = requirement
        self.wants = wants
        self.via = via
    }

    public static func < (a: ConflictDemand, b: ConflictDemand) -> Bool {
        (a.tools.isEmpty ? 1 : 0, a.tools.joined(separator: ","), a.wants, a.via.joined(separator: ">"))
            < (b.tools.isEmpty ? 1 : 0, b.tools.joined(separator: ","), b.wants, b.via.joined(separator: ">"))
    }
}

extension CoInstallConflict {
    /// `websockets: gradio wants >=10.0,<13.0 (via gradio==5.0.0 → gradio-client==1.4.0); prefect wants …`
    public var summary: String {
        "\(package): " + demands.map(\.summary).joined(separator: "; ")
    }
}

extension ConflictDemand {
    /// One demand in words.
    public var summary: String {
        let who: String
        switch source {
        case .index: return "the package index: \(wants)"
        case .python: return "the Python version checked: \(wants)"
        case .requirement, .dependency:
            who = tools.isEmpty ? "an untraced requirement" : tools.joined(separator: " and ")
        }
        let path = via.isEmpty ? "" : " (via \(via.joined(separator: " → ")))"
        return "\(who) \(tools.count > 1 ? "want" : "wants") \(wants.isEmpty ? "any version" : wants)\(path)"
    }
}

/// Where a co-install member's tool is installed.
public enum CoInstallEnvironment: String, Codable, Sendable {
    /// Resolved together with the other Python tools.
    case python
    /// Debian packages: outside the Python environment.
    case debian
    /// No adapter yet, so nothing to resolve.
    case none
}
