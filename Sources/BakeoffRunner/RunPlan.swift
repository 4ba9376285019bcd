import BakeoffModel
import Foundation

/// What a run will execute: per stage, its scenario and the adapters of the chosen tools.
public struct RunPlan: Sendable {
    public struct Entry: Sendable {
        public var stage: Stage
        public var scenario: Scenario
        public var adapters: [Adapter]
        /// Tools (by adapter tool id) known not to be runnable before any install, and why: every step of
        /// theirs is recorded as failed with that reason.
        public var blocked: [String: String]

        public init(stage: Stage, scenario: Scenario, adapters: [Adapter], blocked: [String: String] = [:]) {
            self.stage = stage
            self.scenario = scenario
            self.adapters = adapters
            self.blocked = blocked
        }
    }

    public var projectRoot: String
    public var entries: [Entry]

    public init(projectRoot: String, entries: [Entry]) {
        self.projectRoot = projectRoot
        self.entries = entries
    }

    /// Why a selection cannot be planned, with what to do.
    public struct SelectionError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// What `bakeoff run` selects: the stages and tools (`make`), and with `integrations` the integrations' pairs
    /// (`IntegrationPlan.pairs`, whose `tools` then narrow the pairs, not the stages); with integrations and no
    /// stage named, no stage runs.
    public static func make(
        project: Project, stages: [String], tools: [String], integrations: [String]
    ) throws -> (plan: RunPlan, pairs: [IntegrationPair]) {
        let plan = integrations.isEmpty || !stages.isEmpty
            ? try make(project: project, stages: stages, tools: integrations.isEmpty ? tools : [])
            : RunPlan(projectRoot: project.root, entries: [])
        let pairs = integrations.isEmpty
            ? [] : try IntegrationPlan.pairs(project: project, integrations: integrations, tools: tools)
        return (plan, pairs)
    }

    /// The stages and tools to run: by default every stage the team assesses that has a scenario, with
    /// the team's candidates that have an adapter; `stages` and `tools` narrow that down (`stages` = `["all"]`
    /// is the default, said out loud).
    public static func make(project: Project, stages: [String], tools: [String]) throws -> RunPlan {
        let stages = stages == ["all"] ? [] : stages
        let all = project.stages
        for id in stages where project.stage(id) == nil {
            throw SelectionError(description: "unknown stage '\(id)'\(suggestion(id, among: all.map(\.id), what: "stage"))")
        }
        let assessed = project.assessedStages
        let chosen: [Stage] = stages.isEmpty
            ? assessed
            : all.filter { stages.contains($0.id) }.map { stage in assessed.first { $0.id == stage.id } ?? stage }
        let known = Set(chosen.flatMap { $0.adapters.map(\.tool) + $0.candidates.map(\.id) })
        for id in tools where !known.contains(id) {
            throw SelectionError(
                description: "unknown tool '\(id)' in the chosen stages\(suggestion(id, among: known.sorted(), what: "tool"))")
        }
        var entries: [Entry] = []
        for stage in chosen {
            guard let scenario = stage.scenario else {
                if !stages.isEmpty {
                    throw SelectionError(description: "stage '\(stage.id)' has no scenario; add stages/\(stage.id)/scenario.yaml")
                }
                continue
            }
            let candidates = stage.candidates.map(\.id)
            var adapters = stage.adapters.filter { candidates.isEmpty || candidates.contains($0.tool) }
            adapters.sort { (candidates.firstIndex(of: $0.tool) ?? .max, $0.tool) < (candidates.firstIndex(of: $1.tool) ?? .max, $1.tool) }
            if !tools.isEmpty { adapters = stage.adapters.filter { tools.contains($0.tool) } }
            if adapters.isEmpty { continue }
            entries.append(Entry(stage: stage, scenario: scenario, adapters: adapters))
        }
        let planned = Set(entries.flatMap { $0.adapters.map(\.tool) })
        for id in tools where !planned.contains(id) {
            let stage = chosen.first { $0.candidate(id) != nil }?.id ?? "<stage>"
            throw SelectionError(
                description: "tool '\(id)' has no adapter to run; add stages/\(stage)/adapters/\(id)/adapter.yaml")
        }
        if entries.isEmpty {
            throw SelectionError(description: "nothing to run: no chosen stage has a scenario and an adapter for a chosen tool")
        }
        return RunPlan(projectRoot: project.root, entries: entries)
    }

    /// Keeps the stages of this plan and the `pairs` that `shard` holds, balanced on `estimate` at
    /// `repetitions`; returns each kept unit with its expected seconds (nil: never measured).
    public mutating func keep(
        shard: Shard, pairs: inout [IntegrationPair], estimate: WorkEstimate, repetitions: Int
    ) -> [(unit: Shard.Unit, tools: [String], seconds: Double?)] {
        var tools: [Shard.Unit: (stage: String, tools: [String])] = [:]
        var units: [Shard.Unit] = []
        for entry in entries {
            let unit = Shard.Unit.stage(entry.stage.id)
            units.append(unit)
            tools[unit] = (entry.stage.id, entry.adapters.map(\.tool))
        }
        for pair in pairs {
            let unit = Shard.Unit.pair(integration: pair.integration.id, pair: pair.id)
            units.append(unit)
            tools[unit] = (pair.integration.id, [pair.id])
        }
        func seconds(_ unit: Shard.Unit) -> Double? {
            tools[unit].flatMap { estimate.seconds(stage: $0.stage, tools: $0.tools, repetitions: repetitions) }
        }
        let mine = Set(shard.select(units, seconds: seconds))
        entries = entries.filter { mine.contains(.stage($0.stage.id)) }
        pairs = pairs.filter { mine.contains(.pair(integration: $0.integration.id, pair: $0.id)) }
        return units.filter(mine.contains).map { ($0, tools[$0]!.tools, seconds($0)) }
    }

    /// The absolute folder of an adapter.
    public func folder(of adapter: Adapter) -> String {
        adapter.directory.hasPrefix("/") ? adapter.directory : "\(projectRoot)/\(adapter.directory)"
    }

    /// "; did you mean 'x'?" (BakeoffModel.Spelling), else the known ids.
    static func suggestion(_ word: String, among candidates: [String], what: String) -> String {
        if let best = Spelling.suggestion(for: word, among: candidates) { return "; did you mean '\(best)'?" }
        return candidates.isEmpty ? "" : "; known \(what)s: \(candidates.joined(separator: ", "))"
    }
}
