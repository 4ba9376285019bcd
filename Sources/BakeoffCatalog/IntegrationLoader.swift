import BakeoffModel

/// Reads `integrations/<id>/integration.yaml`: the two stages it joins, the glue requirements and the scenario
/// its driver `run.py` performs for every pair of their tools.
struct IntegrationLoader {
    static let folder = "integrations"
    /// The driver every integration folder holds: `python run.py STEP`.
    static let driver = "run.py"
    let files: ProjectFiles
    let stages: [Stage]

    func loadAll() -> [Integration] {
        var result: [Integration] = []
        for id in files.subfolders(Self.folder) where id != "common" {
            let folder = "\(Self.folder)/\(id)"
            guard Identifier.isValid(id) else {
                files.report(file: folder, "'\(id)' is not a valid integration id", hint: "rename the folder with lower-case letters, digits and '-'")
                continue
            }
            guard files.exists("\(folder)/integration.yaml") else {
                files.report(file: folder, "the integration folder has no integration.yaml", hint: "add one or remove the folder")
                continue
            }
            if let integration = load(id: id, folder: folder) { result.append(integration) }
        }
        return result
    }

    private func load(id: String, folder: String) -> Integration? {
        let path = "\(folder)/integration.yaml"
        guard let root = files.yaml(path),
            let map = root.mapping(
                required: ["title", "between", "python", "description", "steps"], optional: ["requirements", "parameters"])
        else { return nil }
        if stages.contains(where: { $0.id == id }) {
            root.error("the integration id '\(id)' is also a stage id", hint: "rename the folder: evidence is recorded under this id")
        }
        if !files.exists("\(folder)/\(Self.driver)") {
            root.error("the integration folder has no \(Self.driver)", hint: "add the driver: python \(Self.driver) STEP")
        }
        let title = map["title"]?.string()
        let python = map["python"]?.string()
        var between: [String]?
        if let value = map["between"], let list = value.stringList() {
            let known = stages.map(\.id)
            let unknown = list.filter { !known.contains($0) }
            if list.count != 2 || list[0] == list[1] {
                value.error("expected two different stages, upstream first", hint: "e.g. [orchestration, experiment-tracking]")
            } else if let bad = unknown.first {
                value.error("unknown stage '\(bad)'", hint: Spelling.hint(for: bad, among: known, what: "stage"))
            } else {
                between = list
            }
        }
        var requirements: String?
        if let value = map["requirements"], let name = value.string() {
            if files.exists("\(folder)/\(name)") {
                requirements = name
            } else {
                value.error("'\(folder)/\(name)' does not exist", hint: "list the glue packages every pair needs in it")
            }
        }
        guard let scenario = ScenarioReader.read(map), let title, let python, let between else { return nil }
        return Integration(
            id: id, title: title, stages: between, python: python, requirements: requirements, directory: folder,
            scenario: scenario)
    }
}
