import BakeoffModel
import Foundation

/// Reads `stages/<id>/stage.yaml`, `scenario.yaml` and `adapters/<tool>/adapter.yaml`.
struct StageLoader {
    let files: ProjectFiles
    /// Stage ids named in `flow:` blocks, checked once every stage is loaded.
    let references = StageReferences()
    /// The file in an adapter folder that makes its tool take part in its stage's integrations.
    static let roleFile = "integrate.py"

    func load(id: String) -> Stage? {
        let folder = "stages/\(id)"
        guard let root = files.yaml("\(folder)/stage.yaml"),
            let map = root.mapping(
                required: ["title", "order", "question", "candidates"], optional: ["comparisons", "flow", "part_of"])
        else { return Stage(id: id, order: Int.max, title: id, question: "", candidates: []) }
        let title = map["title"]?.string()
        let order = map["order"]?.int(min: 1)
        let question = map["question"]?.string()
        let partOf = map["part_of"]?.string()
        let candidates = map["candidates"].flatMap { readTools($0, what: "candidate") } ?? []
        if let value = map["candidates"], case .sequence(let list) = value.node, list.isEmpty {
            // A new stage starts empty (bakeoff new stage); it cannot be assessed until it has candidates.
            value.warning("the stage has no candidate yet", hint: "add one with: bakeoff new adapter \(id) TOOL")
        }
        var comparisons: [FactComparison] = []
        if let list = map["comparisons"]?.sequence() {
            var ids = IdentifierRegistry(what: "comparison")
            for item in list {
                guard let m = item.mapping(required: ["id", "title", "items"]),
                    let cid = m["id"]?.string(), ids.register(cid, at: m["id"]!),
                    let ctitle = m["title"]?.string(), let items = m["items"].flatMap({ readTools($0, what: "item") })
                else { continue }
                comparisons.append(FactComparison(id: cid, title: ctitle, items: items))
            }
        }
        let flow = map["flow"].flatMap { readFlow($0, stage: id) }
        let scenario = files.exists("\(folder)/scenario.yaml") ? loadScenario("\(folder)/scenario.yaml") : nil
        let adapters = loadAdapters(folder: folder, candidates: candidates, scenario: scenario)
        // A stage with errors is still returned (the load fails anyway), so references to it and to its
        // candidates do not cascade into misleading "unknown stage" errors.
        return Stage(
            id: id, order: order ?? Int.max, title: title ?? id, question: question ?? "", candidates: candidates,
            comparisons: comparisons, scenario: scenario, adapters: adapters, flow: flow, partOf: partOf)
    }

    // MARK: flow

    /// `flow: {lane, after, source, feeds}`: the stage's place in the architecture diagram.
    private func readFlow(_ value: YAMLValue, stage: String) -> StageFlow? {
        guard let m = value.mapping(optional: ["lane", "after", "source", "feeds"]) else { return nil }
        var flow = StageFlow()
        if let lane = m["lane"]?.oneOf(StageFlow.Lane.allCases.map { ($0.rawValue, $0) }, what: "lane") { flow.lane = lane }
        if let list = m["after"]?.sequence() {
            flow.after = list.compactMap { item in
                guard let id = item.string() else { return nil }
                references.add(id, at: item, from: stage)
                return id
            }
        }
        if let source = m["source"]?.mapping(required: ["title"], optional: ["note"]), let title = source["title"]?.string() {
            flow.source = StageFlow.Source(title: title, note: source["note"]?.string() ?? "")
        }
        for item in m["feeds"]?.sequence() ?? [] {
            guard let f = item.mapping(required: ["to", "kind"], optional: ["label"]), let to = f["to"]?.string(),
                let kind = f["kind"]?.oneOf(StageFlow.Feed.Kind.allCases.map { ($0.rawValue, $0) }, what: "feed kind")
            else { continue }
            references.add(to, at: f["to"]!, from: stage)
            flow.feeds.append(StageFlow.Feed(to: to, kind: kind, label: f["label"]?.string()))
        }
        return flow
    }

    // MARK: tools and facts

    private func readTools(_ value: YAMLValue, what: String) -> [Tool]? {
        guard let list = value.sequence() else { return nil }
        var ids = IdentifierRegistry(what: what)
        var result: [Tool] = []
        for item in list {
            guard let m = item.mapping(required: ["id", "name", "homepage", "facts"], optional: ["summary", "deployment"]) else {
                continue
            }
            let id = m["id"]?.string()
            let name = m["name"]?.name()
            let homepage = m["homepage"]?.url()
            let summary = m["summary"]?.string() ?? ""
            let facts = m["facts"].flatMap(readFacts) ?? []
            // Keep a tool whose other fields have errors, so references to its id do not cascade.
            guard let id, ids.register(id, at: m["id"]!) else { continue }
            var tool = Tool(id: id, name: name ?? id, homepage: homepage ?? "", summary: summary, facts: facts)
            tool.deployment = m["deployment"].flatMap(Self.readDeployment)
            result.append(tool)
        }
        return result
    }

    /// `deployment: library` or `deployment: {kind: service, ops_hours_per_month: 2, why: "..."}`: how the team
    /// would run the tool, which decides what it costs (see `Deployment`).
    static func readDeployment(_ value: YAMLValue) -> Deployment? {
        let kinds = Deployment.Kind.allCases.map { ($0.rawValue, $0) }
        if case .scalar = value.node {
            return value.oneOf(kinds, what: "deployment kind").map { Deployment(kind: $0) }
        }
        guard let m = value.mapping(required: ["kind"], optional: ["ops_hours_per_month", "why"]),
            let kind = m["kind"]?.oneOf(kinds, what: "deployment kind")
        else { return nil }
        var deployment = Deployment(kind: kind)
        deployment.opsHoursPerMonth = m["ops_hours_per_month"]?.nonNegativeDouble()
        deployment.why = m["why"]?.string()
        return deployment
    }

    private func readFacts(_ value: YAMLValue) -> [Fact]? {
        guard let entries = value.entries() else { return nil }
        var result: [Fact] = []
        for (key, entry) in entries {
            guard FactKeys.isValid(key.text) else {
                key.error("'\(key.text)' is not a valid fact key", hint: "use lower-case words joined by '_' or '.'")
                continue
            }
            guard let m = entry.mapping(required: ["value", "source", "as_of"], optional: ["note"]) else { continue }
            let factValue = m["value"].flatMap(Self.factValue)
            let source = m["source"]?.url()
            let asOf = m["as_of"]?.day()
            let note = m["note"]?.string()
            if let asOf, let today = files.today, asOf > today {
                m["as_of"]!.error("the as-of date \(asOf) is in the future", hint: "give the date the source was read")
                continue
            }
            guard let factValue, let source, let asOf else { continue }
            if let check = FactKeys.check(key: key.text, value: factValue) {
                m["value"]!.error(check.message, hint: check.hint)
                continue
            }
            if key.text == FactKeys.releaseAge {
                key.error(
                    "\(FactKeys.releaseAge) is derived from \(FactKeys.releaseDate)",
                    hint: "write \(FactKeys.releaseDate): {value: YYYY-MM-DD, source: ..., as_of: ...} instead")
                continue
            }
            if key.text == FactKeys.releaseDate {
                guard let day = factValue.text.flatMap(Day.init) else {
                    m["value"]!.error("expected the date of the latest release, YYYY-MM-DD", hint: "e.g. 2026-11-03")
                    continue
                }
                guard day <= asOf else {
                    m["value"]!.error("the release date \(day) is after the as-of date \(asOf)", hint: "check both dates")
                    continue
                }
                result.append(Fact(key: key.text, value: factValue, source: source, asOf: asOf, note: note))
                // Maintenance is scored on the age of the latest release as of the day the source was read, so a
                // project with no release in years scores below one that released this year, whatever its cadence.
                result.append(
                    Fact(
                        key: FactKeys.releaseAge, value: .number(Double(asOf.days(since: day))), source: source, asOf: asOf,
                        note: "derived: days from the latest release (\(day)) to the as-of date"))
                continue
            }
            result.append(Fact(key: key.text, value: factValue, source: source, asOf: asOf, note: note))
        }
        return result
    }

    static func factValue(_ value: YAMLValue) -> FactValue? {
        switch value.node {
        case .sequence:
            return value.stringList().map(FactValue.list)
        case .scalar(let s):
            let quoted = s.style == .singleQuoted || s.style == .doubleQuoted
            if !quoted, s.string == "true" || s.string == "false" { return .flag(s.string == "true") }
            if !quoted, let n = Double(s.string), n.isFinite { return .number(n) }
            return value.string().map(FactValue.text)
        default:
            value.error("expected a fact value (text, number, true/false or a list)", hint: "write the value on the same line, e.g. license: MIT")
            return nil
        }
    }

    // MARK: scenario

    private func loadScenario(_ path: String) -> Scenario? {
        guard let root = files.yaml(path),
            let map = root.mapping(required: ["description", "steps"], optional: ["parameters"])
        else { return nil }
        return ScenarioReader.read(map)
    }

    // MARK: adapters

    private func loadAdapters(folder: String, candidates: [Tool], scenario: Scenario?) -> [Adapter] {
        let adapterFolder = "\(folder)/adapters"
        var result: [Adapter] = []
        for tool in files.subfolders(adapterFolder) {
            let path = "\(adapterFolder)/\(tool)/adapter.yaml"
            guard files.exists(path) else {
                files.report(file: "\(adapterFolder)/\(tool)", "the adapter folder has no adapter.yaml", hint: "add one or remove the folder")
                continue
            }
            guard let root = files.yaml(path),
                let map = root.mapping(required: ["install", "steps"], optional: ["env"])
            else { continue }
            if !candidates.isEmpty, !candidates.contains(where: { $0.id == tool }) {
                root.error(
                    "adapter for '\(tool)', which is not a candidate of this stage",
                    hint: Spelling.hint(for: tool, among: candidates.map(\.id), what: "candidate"))
            }
            let install = map["install"].flatMap { installSpec($0, folder: "\(adapterFolder)/\(tool)") }
            var environment: [String: String] = [:]
            for (key, value) in map["env"]?.entries() ?? [] {
                guard EnvironmentName.isValid(key.text) else {
                    key.error("'\(key.text)' is not an environment variable name", hint: "use letters, digits and '_'")
                    continue
                }
                if let v = value.string(allowEmpty: true) { environment[key.text] = v }
            }
            var steps: [String: AdapterStep] = [:]
            if let entries = map["steps"]?.entries() {
                let known = scenario?.steps.map(\.id) ?? []
                for (key, entry) in entries {
                    if scenario != nil, !known.contains(key.text) {
                        key.error(
                            "unknown step '\(key.text)'",
                            hint: Spelling.hint(for: key.text, among: known, what: "scenario step"))
                        continue
                    }
                    if let step = adapterStep(entry) { steps[key.text] = step }
                }
                for step in scenario?.steps ?? [] where steps[step.id] == nil && !entries.isEmpty {
                    map["steps"]!.warning(
                        "no command for scenario step '\(step.id)'; it will be recorded as skipped",
                        hint: "add a command, or 'unsupported: <reason>' if the tool cannot do it")
                }
            }
            guard let install else { continue }
            let role = "\(adapterFolder)/\(tool)/\(Self.roleFile)"
            result.append(
                Adapter(
                    tool: tool, directory: "\(adapterFolder)/\(tool)", install: install, environment: environment,
                    steps: steps, role: files.exists(role) ? role : nil))
        }
        return result
    }

    func installSpec(_ value: YAMLValue, folder: String) -> InstallSpec? {
        guard let entries = value.entries() else { return nil }
        if entries.contains(where: { $0.key.text == "debian" }) {
            guard let m = value.mapping(required: ["debian", "version"]),
                let packages = m["debian"]?.stringList(), let version = m["version"]?.stringList()
            else { return nil }
            if version.isEmpty { m["version"]!.error("expected the command that prints the tool's version", hint: "write it as a list, e.g. version: [ruff, --version]") }
            return version.isEmpty ? nil : .debian(packages: packages, versionCommand: version)
        }
        guard let m = value.mapping(required: ["python", "requirements", "lock"]) else { return nil }
        let python = m["python"]?.string()
        let requirements = m["requirements"]?.string()
        let lock = m["lock"]?.string()
        for (key, name) in [("requirements", requirements), ("lock", lock)] {
            if let name, !files.exists("\(folder)/\(name)") {
                m[key]!.error("'\(folder)/\(name)' does not exist", hint: key == "lock"
                    ? "create it with: uv pip compile \(requirements ?? "requirements.in") -o \(name)"
                    : "list the tool's requirements in it")
            }
        }
        guard let python, let requirements, let lock else { return nil }
        return .python(version: python, requirements: requirements, lock: lock)
    }

    private func adapterStep(_ value: YAMLValue) -> AdapterStep? {
        guard let entries = value.entries() else { return nil }
        let keys = Set(entries.map(\.key.text))
        if keys.contains("unsupported") {
            guard let m = value.mapping(required: ["unsupported"]), let reason = m["unsupported"]?.string() else {
                return nil
            }
            return .unsupported(reason: reason)
        }
        if keys.contains("server") {
            guard let m = value.mapping(required: ["server", "health"], optional: ["client", "ready_timeout"]),
                let command = m["server"].flatMap(argv), let health = m["health"]?.string()
            else { return nil }
            guard health.hasPrefix("/") else {
                m["health"]!.error("a health path must start with '/'", hint: "e.g. /healthz")
                return nil
            }
            let client = m["client"].flatMap(argv)
            let ready = m["ready_timeout"]?.nonNegativeDouble() ?? 60
            return .server(command: command, health: health, client: client, readySeconds: ready)
        }
        guard let m = value.mapping(required: ["run"], optional: []), let command = m["run"].flatMap(argv) else {
            return nil
        }
        return .command(command)
    }

    private func argv(_ value: YAMLValue) -> [String]? {
        guard let list = value.stringList() else { return nil }
        guard !list.isEmpty else {
            value.error("expected a command as a list of arguments", hint: "e.g. [python, \"{adapter}/steps.py\", setup]")
            return nil
        }
        return list
    }
}

/// Stage ids written in `flow:` blocks, with where they were written.
final class StageReferences {
    private(set) var items: [(id: String, value: YAMLValue, from: String)] = []

    func add(_ id: String, at value: YAMLValue, from stage: String) { items.append((id, value, stage)) }

    func add(contentsOf other: StageReferences) { items += other.items }

    /// Reports a reference to the stage itself (an error) or to a stage the project does not have (a warning).
    func check(known: [String]) {
        for item in items {
            if item.id == item.from {
                item.value.error("stage '\(item.id)' cannot follow or feed itself", hint: "name another stage")
            } else if !known.contains(item.id) {
                // A warning, not an error: a stage copied from the catalog keeps its place relative to stages this
                // project may not have (init --stage), and the diagram only skips what is not there.
                item.value.warning(
                    "stage '\(item.id)' is not in this project; the diagram skips it",
                    hint: Spelling.suggestion(for: item.id, among: known).map { "did you mean '\($0)'? or remove it" }
                        ?? "remove it, or add the stage")
            }
        }
    }
}

/// The fact keys the scoring and reports understand, with the values they expect.
public enum FactKeys {
    /// Keys whose value must be one of a closed set.
    public static let choices: [String: [String]] = [
        "hosting": ["self-hosted", "saas", "both"],
        "pricing.model": ["free", "per-seat", "usage", "free-and-paid"],
    ]
    /// Keys whose value must be a number.
    public static let numbers: Set<String> = [
        "first_release", "pricing.seat_usd_month", "release_cadence_days", "contributors", "github_stars",
    ]
    /// Keys whose value must be true or false.
    public static let flags: Set<String> = ["commercial_support", "open_source", "self_hostable"]
    /// Keys whose value must be a list.
    public static let lists: Set<String> = ["integrations"]
    /// The date of the latest release (YYYY-MM-DD); the catalog derives `releaseAge` from it.
    public static let releaseDate = "latest_release_date"
    /// Days from the latest release to the fact's as-of date: derived, never written by hand.
    public static let releaseAge = "days_since_release"

    static func isValid(_ key: String) -> Bool {
        Identifier.isValid(key) && !key.contains("-")
    }

    static func check(key: String, value: FactValue) -> (message: String, hint: String)? {
        if let allowed = choices[key] {
            guard case .text(let text) = value, allowed.contains(text) else {
                return ("'\(value)' is not a valid \(key)", Spelling.hint(for: value.description, among: allowed, what: key))
            }
        }
        if numbers.contains(key), value.number == nil { return ("expected a number for \(key)", "write the number alone") }
        if flags.contains(key), case .flag = value {} else if flags.contains(key) {
            return ("expected true or false for \(key)", "write true or false")
        }
        if lists.contains(key), value.list == nil { return ("expected a list for \(key)", "write it as [a, b]") }
        return nil
    }
}

/// Environment variable names: letters, digits and underscores, not starting with a digit.
enum EnvironmentName {
    static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
    }
}
