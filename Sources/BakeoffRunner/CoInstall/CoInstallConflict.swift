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
