import BakeoffModel

/// Reads a scenario's description, parameters and steps: a stage's scenario.yaml and an integration.yaml.
enum ScenarioReader {
    /// The scenario in `map` (keys `description`, `steps`, optional `parameters`), every problem reported.
    static func read(_ map: YAMLMapping) -> Scenario? {
        let description = map["description"]?.string()
        var parameters: [ScenarioParameter] = []
        if let entries = map["parameters"]?.entries() {
            for (key, entry) in entries {
                guard Identifier.isValid(key.text) else {
                    key.error("'\(key.text)' is not a valid parameter name", hint: "use lower-case letters, digits and '_'")
                    continue
                }
                guard let m = entry.mapping(required: ["value", "description"]),
                    let v = m["value"]?.string(), let d = m["description"]?.string()
                else { continue }
                parameters.append(ScenarioParameter(name: key.text, value: v, description: d))
            }
        }
        var steps: [ScenarioStep] = []
        if let list = map["steps"]?.sequence() {
            var ids = IdentifierRegistry(what: "step")
            for item in list {
                guard
                    let m = item.mapping(
                        required: ["id", "title", "timeout"], optional: ["description", "metrics"])
                else { continue }
                let id = m["id"]?.string()
                let title = m["title"]?.string()
                let timeout = m["timeout"]?.nonNegativeDouble()
                if let t = timeout, t == 0 { m["timeout"]!.error("a timeout must be above 0 seconds", hint: "write the seconds a step may take, e.g. timeout: 600") }
                let description = m["description"]?.string() ?? ""
                var metrics: [String: String] = [:]
                for (key, unit) in m["metrics"]?.entries() ?? [] {
                    if let u = unit.string() { metrics[key.text] = u }
                }
                guard let id, ids.register(id, at: m["id"]!), let title, let timeout, timeout > 0 else { continue }
                steps.append(
                    ScenarioStep(id: id, title: title, description: description, timeoutSeconds: timeout, metrics: metrics))
            }
            if list.isEmpty { map["steps"]!.error("a scenario needs at least one step", hint: "add '- {id: …, title: …}' under steps:") }
        }
        guard let description else { return nil }
        return Scenario(description: description, parameters: parameters, steps: steps)
    }
}
