/// How a team would run a tool, which decides what it costs: a library or command-line tool runs inside the
/// team's code or CI (no server, no operations hours); a service needs a server and someone to run it; a SaaS
/// is paid per seat. This is the team's plan, written in stage.yaml, and labelled as such wherever it shows.
public struct Deployment: Hashable, Codable, Sendable {
    public enum Kind: String, Hashable, Codable, Sendable, CaseIterable {
        case library
        case cli
        case service
        case saas
    }

    public var kind: Kind
    /// Operations hours per month for this service, replacing the company's default (a team assumption).
    public var opsHoursPerMonth: Double?
    /// Why the team plans it this way.
    public var why: String?

    public init(kind: Kind, opsHoursPerMonth: Double? = nil, why: String? = nil) {
        self.kind = kind
        self.opsHoursPerMonth = opsHoursPerMonth
        self.why = why
    }

    /// The plan a tool gets without one in stage.yaml: from its sourced `hosting` fact (self-hosted or both: a
    /// service; saas: seats); nil when there is no such fact.
    public static func derived(hosting: String?) -> Deployment? {
        switch hosting {
        case "self-hosted", "both": Deployment(kind: .service)
        case "saas": Deployment(kind: .saas)
        default: nil
        }
    }

    /// `library`, `command-line tool`, `self-hosted service`, `SaaS`.
    public var label: String {
        switch kind {
        case .library: "library"
        case .cli: "command-line tool"
        case .service: "self-hosted service"
        case .saas: "SaaS"
        }
    }
}
