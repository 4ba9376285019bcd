import BakeoffModel
import Foundation

/// One pair of tools an integration runs: a tool of its upstream stage and one of its downstream stage,
/// each with a role module.
public struct IntegrationPair: Hashable, Sendable {
    public var integration: Integration
    public var upstream: Adapter
    public var downstream: Adapter

    /// The id the pair's observations carry as their tool: "luigi+mlflow".
    public var id: String { Integration.pairID(upstream.tool, downstream.tool) }
    public var lockFile: String { "locks/\(id).lock" }
    public var inputFile: String { "locks/\(id).in" }
}

/// Chooses the pairs of `bakeoff run --integration` and turns them into run-plan entries: one pseudo-stage
/// per integration (its id), one pseudo-adapter per pair whose steps run the integration's driver.
public enum IntegrationPlan {
    /// Every pair of the chosen integrations (`["all"]`: every one) between tools with a role module, narrowed
    /// to the team's candidates where the team assesses the stage, and to `tools` when given: for each of the
    /// pair's stages a named tool belongs to, the pair's tool must be named, and the pair holds a named tool.
    public static func pairs(project: Project, integrations ids: [String], tools: [String]) throws -> [IntegrationPair] {
        let all = project.integrations
        let known = all.map(\.id)
        for id in ids where id != "all" && !known.contains(id) {
            throw RunPlan.SelectionError(
                description: known.isEmpty
                    ? "unknown integration '\(id)': the project has no integrations/<id>/integration.yaml"
                    : "unknown integration '\(id)'\(RunPlan.suggestion(id, among: known, what: "integration")); or 'all'")
        }
        let chosen = ids.contains("all") ? all : all.filter { ids.contains($0.id) }
        var result: [IntegrationPair] = []
        for integration in chosen {
            let sides = integration.stages.map { roleAdapters(project: project, stage: $0) }
            for up in sides[0] {
                for down in sides[1] {
                    let pairTools = [up.tool, down.tool]
                    if !tools.isEmpty {
                        guard pairTools.contains(where: tools.contains) else { continue }
                        let mismatch = zip(integration.stages, pairTools).contains { stage, tool in
                            let named = tools.filter { id in project.stage(stage)?.adapters.contains { $0.tool == id } ?? false }
                            return !named.isEmpty && !named.contains(tool)
                        }
                        if mismatch { continue }
                    }
                    result.append(IntegrationPair(integration: integration, upstream: up, downstream: down))
                }
            }
        }
        if result.isEmpty {
            throw RunPlan.SelectionError(
                description: "no pair to run: the chosen integrations need tools with an integrate.py in their adapter folder"
                    + (tools.isEmpty ? "" : " among \(tools.joined(separator: ", "))"))
        }
        return result
    }

    /// The stage's adapters that have a role module, in the team's candidate order where the team assesses it.
    static func roleAdapters(project: Project, stage id: String) -> [Adapter] {
        guard let stage = project.stage(id) else { return [] }
        let withRole = stage.adapters.filter { $0.role != nil }
        guard let assessed = project.assessedStages.first(where: { $0.id == id }) else {
            return withRole.sorted { $0.tool < $1.tool }
        }
        let order = assessed.candidates.map(\.id)
        return withRole.filter { order.contains($0.tool) }.sorted { order.firstIndex(of: $0.tool)! < order.firstIndex(of: $1.tool)! }
    }

    /// Run-plan entries for `pairs`, grouped by integration in the project's order. `blocked` holds, per
    /// integration and pair id, why the pair cannot run (its joint environment does not resolve).
    public static func entries(
        projectRoot: String, pairs: [IntegrationPair], blocked: [String: [String: String]] = [:]
    ) -> [RunPlan.Entry] {
        var order: [String] = []
        var grouped: [String: [IntegrationPair]] = [:]
        for pair in pairs {
            if grouped[pair.integration.id] == nil { order.append(pair.integration.id) }
            grouped[pair.integration.id, default: []].append(pair)
        }
        return order.map { id in
            let members = grouped[id]!
            let integration = members[0].integration
            let adapters = members.map { adapter(for: $0, projectRoot: projectRoot) }
            let stage = Stage(
                id: integration.id, order: 0, title: integration.title, question: "", candidates: [],
                scenario: integration.scenario, adapters: adapters)
            return RunPlan.Entry(
                stage: stage, scenario: integration.scenario, adapters: adapters, blocked: blocked[integration.id] ?? [:])
        }
    }

    /// The pseudo-adapter of a pair: the joint lock, the two roles named in the environment, the driver's steps.
    static func adapter(for pair: IntegrationPair, projectRoot: String) -> Adapter {
        let integration = pair.integration
        func absolute(_ path: String) -> String { path.hasPrefix("/") ? path : "\(projectRoot)/\(path)" }
        var environment: [String: String] = [:]
        var pythonPath = ["{adapter}", "{adapter}/../common"]
        for (stage, adapter) in zip(integration.stages, [pair.upstream, pair.downstream]) {
            let key = stage.uppercased().replacingOccurrences(of: "-", with: "_")
            let folder = absolute(adapter.directory)
            for (name, value) in adapter.environment.sorted(by: { $0.key < $1.key }) {
                let own = value.replacingOccurrences(of: "{adapter}", with: folder)
                if name == "PYTHONPATH" { pythonPath.append(own) } else { environment[name] = own }
            }
            environment["BAKEOFF_TOOL_\(key)"] = adapter.tool
            environment["BAKEOFF_ROLE_\(key)"] = adapter.role.map(absolute) ?? ""
        }
        environment["PYTHONPATH"] = pythonPath.joined(separator: ":")
        var steps: [String: AdapterStep] = [:]
        for step in integration.scenario.steps {
            steps[step.id] = .command(["python", "{adapter}/run.py", step.id])
        }
        return Adapter(
            tool: pair.id, directory: integration.directory,
            install: .python(version: integration.python, requirements: pair.inputFile, lock: pair.lockFile),
            environment: environment, steps: steps)
    }
}
