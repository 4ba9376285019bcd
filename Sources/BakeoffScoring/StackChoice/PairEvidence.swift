import BakeoffModel

/// How one integration step went for one pair in the run that counts.
public struct PairStep: Hashable, Codable, Sendable {
    public var step: String
    /// ok when every repetition was ok; unsupported when any was; else the first other status.
    public var status: ObservationStatus
    public var okRepetitions: Int
    public var repetitions: Int
    /// Why it was not ok (the first reason given).
    public var reason: String?
}

/// Everything known about two tools of neighbouring stages working together, and the 0–1 value the stack
/// scoring gives it.
public struct PairRecord: Hashable, Codable, Sendable {
    public var integration: String
    /// The integration's two stages, upstream first.
    public var stages: [String]
    /// The pair's tools, in the order of `stages`.
    public var tools: [String]
    /// nil when the pair was never run.
    public var verdict: PairVerdict?
    public var steps: [PairStep]
    /// The runs the steps come from (the newest run that ran the pair).
    public var runs: [String]
    /// A sourced `integrations` fact of one tool names the other.
    public var documented: [EvidenceReference]
    /// 0–1, nil when nothing is known: the mean of the known components: installs together (1 or 0, from the
    /// pair's joint resolution), hand-off (the share of the integration's steps that were ok, when it could
    /// run) and documented (1 when a sourced fact of either tool names the other; no fact is not a 0).
    public var value: Double?
    /// How `value` was reached, in words.
    public var basis: String

    public var id: String { Integration.pairID(tools[0], tools[1]) }
}

/// Reads the pairs of every integration from the runs and the tools' `integrations` facts.
public enum PairEvidence {
    /// One record per pair of the integrations' stages' candidates (the team's where it assesses the stage),
    /// in integration order, then upstream, then downstream candidate order. Each pair's steps come from the
    /// newest run that ran it (`runIDs`), which `history` must hold in full.
    public static func records(project: Project, history: RunHistory) -> [PairRecord] {
        var result: [PairRecord] = []
        for integration in project.integrations {
            for (up, down) in pairs(project: project, integration: integration) {
                let pair = Integration.pairID(up.id, down.id)
                let run = history.newestFirst(stage: integration.id, tool: pair).first?.run.id
                var observations: [Observation] = []
                if let run {
                    guard let loaded = history.run(run) else {
                        preconditionFailure("run \(run) holds a pair but was not loaded: load PairEvidence.runIDs")
                    }
                    observations = loaded.observations.filter { $0.stage == integration.id && $0.tool == pair }
                }
                result.append(record(integration: integration, tools: (up, down), observations: observations, run: run))
            }
        }
        return result
    }

    /// The runs the pairs read: per integration and pair, the newest run that ran it.
    public static func runIDs(project: Project, history: RunHistory) -> Set<String> {
        var ids: Set<String> = []
        for integration in project.integrations {
            for (up, down) in pairs(project: project, integration: integration) {
                if let run = history.newestFirst(stage: integration.id, tool: Integration.pairID(up.id, down.id)).first?.run.id {
                    ids.insert(run)
                }
            }
        }
        return ids
    }

    /// The integration's pairs: upstream, then downstream candidate order.
    static func pairs(project: Project, integration: Integration) -> [(Tool, Tool)] {
        let sides = integration.stages.map { candidates(project: project, stage: $0) }
        return sides[0].flatMap { up in sides[1].map { (up, $0) } }
    }

    static func candidates(project: Project, stage id: String) -> [Tool] {
        if let assessed = project.assessedStages.first(where: { $0.id == id }) { return assessed.candidates }
        return project.stage(id)?.candidates ?? []
    }

    static func record(integration: Integration, tools: (Tool, Tool), observations: [Observation], run: String?) -> PairRecord {
        let documented = documentation(tools.0, names: tools.1, stage: integration.stages[0])
            + documentation(tools.1, names: tools.0, stage: integration.stages[1])
        var record = PairRecord(
            integration: integration.id, stages: integration.stages, tools: [tools.0.id, tools.1.id], verdict: nil, steps: [],
            runs: run.map { [$0] } ?? [], documented: documented, value: nil, basis: "")
        var components: [(String, Double)] = []
        if !observations.isEmpty {
            for step in integration.scenario.steps {
                let reps = observations.filter { $0.step == step.id }.sorted { $0.repetition < $1.repetition }
                guard !reps.isEmpty else { continue }
                let ok = reps.filter { $0.status == .ok }.count
                let status: ObservationStatus =
                    ok == reps.count ? .ok
                    : reps.contains { $0.status == .unsupported } ? .unsupported
                    : reps.first { $0.status != .ok }!.status
                let reason = reps.first { $0.status != .ok && $0.reason != nil }?.reason
                record.steps.append(PairStep(step: step.id, status: status, okRepetitions: ok, repetitions: reps.count, reason: reason))
            }
            let total = integration.scenario.steps.count
            let ok = record.steps.filter { $0.status == .ok }.count
            let installFailed = EnvironmentRecord.installFailurePrefix(record.id)
            if observations.contains(where: { $0.reason?.hasPrefix(Integration.conflictPrefix) == true }) {
                record.verdict = .conflicts
                components.append(("installs together: no", 0))
            } else if observations.contains(where: { $0.reason?.hasPrefix(installFailed) == true }) {
                // The two resolve on paper, but the resolved environment could not be installed.
                record.verdict = .conflicts
                components.append(("installs together: no, the resolved environment failed to install", 0))
            } else {
                record.verdict =
                    ok == total ? .works
                    : ok > 0 ? .partial
                    : record.steps.allSatisfy({ $0.status == .unsupported }) ? .unsupported : .fails
                components.append(("installs together: yes", 1))
                if total > 0 { components.append(("hand-off: \(ok) of \(total) steps ok", Double(ok) / Double(total))) }
            }
        }
        if !documented.isEmpty { components.append(("documented by the tool", 1)) }
        guard !components.isEmpty else {
            record.basis = "not run here, and neither tool documents an integration with the other"
            return record
        }
        record.value = components.map(\.1).reduce(0, +) / Double(components.count)
        record.basis = (observations.isEmpty ? "not run here; " : "") + components.map(\.0).joined(separator: "; ")
        return record
    }

    /// `tool`'s `integrations` fact, when it names `other` (by id or name, case and punctuation ignored).
    static func documentation(_ tool: Tool, names other: Tool, stage: String) -> [EvidenceReference] {
        func key(_ s: String) -> String { String(s.lowercased().filter { $0.isLetter || $0.isNumber }) }
        let wanted = [key(other.id), key(other.name)]
        return tool.facts.filter { fact in
            fact.key == "integrations" && (fact.value.list ?? []).contains { wanted.contains(key($0)) }
        }.map { .fact(stage: stage, tool: tool.id, key: $0.key, source: $0.source, asOf: $0.asOf) }
    }
}
