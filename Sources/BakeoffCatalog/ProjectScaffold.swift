import BakeoffFiles
import BakeoffModel
import Foundation

/// Creates a new project from the bundled catalog: its criteria, profiles, stages, integrations and templates, and a
/// `bakeoff.yaml` written from the team's answers.
public enum ProjectScaffold {
    /// Whether `root` holds bakeoff's own Package.swift (the bundled project), so CI can build bakeoff in place.
    public static func isBakeoffRepository(_ root: String) -> Bool {
        let text = (try? String(contentsOfFile: (root as NSString).appendingPathComponent("Package.swift"), encoding: .utf8)) ?? ""
        return text.contains("name: \"bakeoff\"") && text.contains(".executable(name: \"bakeoff\"")
    }

    /// What the team says about itself.
    public struct Settings: Sendable {
        public var team: String
        public var company: CompanyKind
        public var dataScienceTeam: DataScienceTeamKind
        public var product: String
        /// Member names; ids are derived from them.
        public var members: [String]
        public var profile: String?
        /// The first check-in's due date; the others follow weekly, unless `dueDates` names them.
        public var start: Day
        /// The catalog stages to copy; nil: all of them (and the catalog's rubric with them).
        public var stages: [String]?
        /// No catalog stage: one blank stage with a sample adapter that runs.
        public var empty: Bool
        /// Due dates of the check-ins in order (any gaps, e.g. a two-week break); check-ins beyond them follow
        /// weekly from the last one.
        public var dueDates: [Day] = []

        public init(
            team: String, company: CompanyKind, dataScienceTeam: DataScienceTeamKind, product: String,
            members: [String], profile: String? = nil, start: Day, stages: [String]? = nil, empty: Bool = false
        ) {
            self.stages = stages
            self.empty = empty
            self.team = team
            self.company = company
            self.dataScienceTeam = dataScienceTeam
            self.product = product
            self.members = members
            self.profile = profile
            self.start = start
        }
    }

    /// What is copied from the catalog into a new project.
    static let copied = ["criteria", "stages", "integrations", "templates"]

    /// The blank stage `init --empty` writes, and its sample candidate (Python itself, so it runs with nothing installed).
    public static let sampleStage = "my-stage"
    public static let sampleTool = "python-stdlib"

    /// The folder holding the bundled catalog, looked up in this order: `$BAKEOFF_CATALOG`; the nearest folder
    /// at or above the executable's (symlinks resolved) holding `criteria/criteria.yaml` and `stages/`; then
    /// `share/bakeoff` beside the executable's `bin/` (an installed layout, e.g. /usr/local/share/bakeoff).
    public static func locateCatalog(executable: String) -> String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["BAKEOFF_CATALOG"], !env.isEmpty { return env }
        var url = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.path != "/" {
            if fm.fileExists(atPath: url.appendingPathComponent("criteria/criteria.yaml").path),
                fm.fileExists(atPath: url.appendingPathComponent("stages").path)
            {
                return url.path
            }
            url.deleteLastPathComponent()
        }
        let installed = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("share/bakeoff")
        if fm.fileExists(atPath: installed.appendingPathComponent("criteria/criteria.yaml").path) { return installed.path }
        return nil
    }

    /// Member ids from names: the first name, lower-cased and reduced to id characters, made unique.
    public static func memberIDs(_ names: [String]) -> [String] {
        var used = Set<String>()
        return names.enumerated().map { index, name in
            let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            let first = folded.split(separator: " ").first.map(String.init) ?? folded
            var base = String(first.lowercased().unicodeScalars.filter {
                ("a"..."z").contains($0) || ("0"..."9").contains($0)
            }.map(Character.init))
            if base.isEmpty || !(base.first!.isLetter || base.first!.isNumber) { base = "member\(index + 1)" }
            var id = base
            var n = 2
            while used.contains(id) {
                id = "\(base)\(n)"
                n += 1
            }
            used.insert(id)
            return id
        }
    }

    /// The new project's `bakeoff.yaml`: every stage of the catalog with all its candidates, assessors
    /// assigned round robin, a weekly schedule from `start`.
    public static func teamFile(settings: Settings, stages: [Stage], profiles: [String], rubric: RubricRules? = nil) -> String {
        let ids = memberIDs(settings.members)
        let profile = settings.profile ?? (profiles.contains(settings.company.rawValue) ? settings.company.rawValue : profiles.first ?? "startup")
        var lines = [
            "# A Bakeoff project: see the README of Bakeoff for every key.",
            "team: \(quote(settings.team))",
            "company: \(settings.company.rawValue)",
            "data_science_team: \(settings.dataScienceTeam.rawValue)",
            "product: \(quote(settings.product))",
            "members:",
        ]
        for (id, name) in zip(ids, settings.members) { lines.append("  - {id: \(id), name: \(quote(name))}") }
        lines.append("checkins:")
        lines.append("  poster: \(ids.first ?? "")")
        lines.append("  schedule:")
        let slots = ["group-details"] + stages.map(\.id)
        for (index, id) in slots.enumerated() {
            let due: Day
            if index < settings.dueDates.count {
                due = settings.dueDates[index]
            } else if let last = settings.dueDates.last {
                due = last.adding(days: 7 * (index - settings.dueDates.count + 1))
            } else {
                due = settings.start.adding(days: 7 * index)
            }
            lines.append("    - {id: \(id), due: \(due)}")
        }
        lines.append("profile: \(profile)")
        lines.append("stages:")
        var next = 0
        for stage in stages {
            lines.append("  \(stage.id):")
            for tool in stage.candidates {
                lines.append("    \(tool.id): [\(ids.isEmpty ? "" : ids[next % ids.count])]")
                next += 1
            }
        }
        let talk = rubric ?? .generic
        lines += [
            "talk:", "  limit: \"\(Numbers.minutesSeconds(talk.talkLimitSeconds ?? 300))\"",
            "  minimum_per_member: \"\(Numbers.minutesSeconds(talk.minimumPerMemberSeconds ?? 60))\"", "  words_per_minute: 150",
        ]
        if let rubric, !rubric.isGeneric { lines += rubricBlock(rubric) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `rubric:` block of bakeoff.yaml for these rules.
    static func rubricBlock(_ rules: RubricRules) -> [String] {
        var lines = ["# What 'bakeoff check --rubric' checks the deliverables against.", "rubric:", "  title: \(quote(rules.title))"]
        if let stages = rules.stages { lines.append("  stages: \(stages)") }
        lines.append("  candidates_per_stage: \(rules.candidatesPerStage)")
        if !rules.requiredTools.isEmpty {
            lines.append("  required_tools:")
            var seen: [String] = []
            for stage in rules.requiredTools.map(\.stage) where !seen.contains(stage) {
                seen.append(stage)
                let tools = rules.requiredTools.filter { $0.stage == stage }.map(\.tool)
                lines.append("    \(stage): [\(tools.joined(separator: ", "))]")
            }
        }
        if let checkins = rules.checkins { lines.append("  checkins: \(checkins)") }
        if let size = rules.teamSize { lines.append("  team_size: {min: \(size.lowerBound), max: \(size.upperBound)}") }
        var talk: [String] = []
        if let limit = rules.talkLimitSeconds { talk.append("limit: \"\(Numbers.minutesSeconds(limit))\"") }
        if let least = rules.minimumPerMemberSeconds { talk.append("minimum_per_member: \"\(Numbers.minutesSeconds(least))\"") }
        if !talk.isEmpty { lines.append("  talk: {\(talk.joined(separator: ", "))}") }
        return lines
    }

    /// A YAML double-quoted scalar.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    public enum Failure: Error, CustomStringConvertible {
        case notEmpty(String)
        case catalog(String)
        case unknownStage(String, among: [String])
        /// The new project would not load (an unknown profile, say); nothing was left behind.
        case invalid([Diagnostic])

        public var description: String {
            switch self {
            case .notEmpty(let path): "\(path) exists and is not empty; choose a new folder"
            case .catalog(let why): why
            case .unknownStage(let id, let known):
                "the catalog has no stage '\(id)'; \(Spelling.hint(for: id, among: known, what: "stage"))"
            case .invalid(let diagnostics): diagnostics.map(\.description).joined(separator: "\n")
            }
        }
    }

    /// Writes the new project into `target` (which must not exist or be empty), all at once: it is
    /// assembled in a temporary folder beside `target` and moved into place.
    public static func create(at target: String, catalog: String, settings: Settings) throws {
        let fm = FileManager.default
        let targetURL = URL(fileURLWithPath: target).standardizedFileURL
        if let contents = try? fm.contentsOfDirectory(atPath: targetURL.path), !contents.isEmpty {
            throw Failure.notEmpty(targetURL.path)
        }
        let catalogProject: Project
        do {
            catalogProject = try ProjectLoader.load(root: catalog, today: nil).project
        } catch {
            throw Failure.catalog("the bundled catalog at \(catalog) does not load:\n\(error)")
        }
        let parent = targetURL.deletingLastPathComponent()
        // The highest folder this call creates, removed again if it fails: a failed init leaves nothing.
        var created: URL?
        var ancestor = parent
        while !fm.fileExists(atPath: ancestor.path), ancestor.path != "/" {
            created = ancestor
            ancestor = ancestor.deletingLastPathComponent()
        }
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(targetURL.lastPathComponent).bakeoff-init-\(UUID().uuidString)")
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            let catalogURL = URL(fileURLWithPath: catalog)
            let all = settings.stages == nil && !settings.empty
            for id in settings.stages ?? [] where catalogProject.stage(id) == nil {
                throw Failure.unknownStage(id, among: catalogProject.stages.map(\.id))
            }
            // A part (`part_of`) comes with the stage it is part of: it is presented on that stage's slide, and its
            // adapters share that stage's code.
            var wanted = Set(settings.stages ?? [])
            for id in settings.stages ?? [] {
                var parent = catalogProject.stage(id)?.partOf
                while let id = parent, wanted.insert(id).inserted { parent = catalogProject.stage(id)?.partOf }
            }
            let chosen = settings.empty ? [] : catalogProject.stages.filter { settings.stages == nil || wanted.contains($0.id) }
            for item in ["criteria", "templates"] + (all ? ["stages", "integrations"] : []) {
                let source = catalogURL.appendingPathComponent(item)
                if fm.fileExists(atPath: source.path) {
                    try fm.copyItem(at: source, to: staging.appendingPathComponent(item))
                }
            }
            var stages = chosen
            if !all {
                for stage in chosen {
                    try fm.createDirectory(at: staging.appendingPathComponent("stages"), withIntermediateDirectories: true)
                    try fm.copyItem(at: catalogURL.appendingPathComponent("stages/\(stage.id)"), to: staging.appendingPathComponent("stages/\(stage.id)"))
                }
                let pairs = catalogProject.integrations.filter { i in i.stages.allSatisfy { id in chosen.contains { $0.id == id } } }
                for integration in pairs {
                    try fm.createDirectory(at: staging.appendingPathComponent("integrations"), withIntermediateDirectories: true)
                    try fm.copyItem(at: catalogURL.appendingPathComponent(integration.directory), to: staging.appendingPathComponent(integration.directory))
                }
                let common = catalogURL.appendingPathComponent("integrations/common")
                if !pairs.isEmpty, fm.fileExists(atPath: common.path) {
                    try fm.copyItem(at: common, to: staging.appendingPathComponent("integrations/common"))
                }
                if settings.empty {
                    let sample = try sampleStageFiles()
                    try StageScaffold.write(sample, under: staging.path)
                    stages = [
                        Stage(id: sampleStage, order: 1, title: sampleStage, question: "", candidates: [
                            Tool(id: sampleTool, name: "Python standard library", homepage: "https://docs.python.org/3/library/", summary: "", facts: [])
                        ], scenario: Scenario(description: "", parameters: [], steps: [
                            ScenarioStep(id: StageScaffold.step, title: "", description: "", timeoutSeconds: 300)
                        ]))
                    ]
                }
                // Each copied stage's place in the diagram, pointed past the stages left out.
                let present = Set(chosen.map(\.id))
                let predecessors = Dictionary(uniqueKeysWithValues: catalogProject.stages.map { ($0.id, $0.flow?.after ?? []) })
                for stage in chosen {
                    let url = staging.appendingPathComponent("stages/\(stage.id)/stage.yaml")
                    let text = try String(contentsOf: url, encoding: .utf8)
                    let pruned = pruneFlow(text, present: present, predecessors: predecessors)
                    if pruned != text { try AtomicFile.write(pruned, to: url.path) }
                }
                // The catalog's criteria, narrowed to what these stages can measure; its cost model as it is.
                let (kept, dropped) = CriteriaWriter.narrowed(catalogProject.criteria, to: stages)
                let criteriaURL = staging.appendingPathComponent("criteria/criteria.yaml")
                let text = try String(contentsOf: criteriaURL, encoding: .utf8)
                let note = "Written by bakeoff init from the bundled catalog for the stages \(stages.map(\.id).joined(separator: ", ")): "
                    + "indicators of other stages are left out" + (dropped.isEmpty ? "." : "; so are the criteria \(dropped.joined(separator: ", ")).")
                try AtomicFile.write(CriteriaWriter.file(replacingCriteriaIn: text, with: kept, note: note), to: criteriaURL.path)
                for profile in catalogProject.profiles where !dropped.isEmpty {
                    let url = staging.appendingPathComponent("criteria/profiles/\(profile.id).yaml")
                    let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
                        .filter { line in !dropped.contains { line.hasPrefix("  \($0):") } }
                    try AtomicFile.write(lines.joined(separator: "\n"), to: url.path)
                }
            }
            try fm.createDirectory(at: staging.appendingPathComponent("evidence/runs"), withIntermediateDirectories: true)
            try AtomicFile.write("evidence/ledger.sqlite\nevidence/ledger.sqlite-*\n", to: staging.appendingPathComponent(".gitignore").path)
            let text = teamFile(
                settings: settings, stages: stages, profiles: catalogProject.profiles.map(\.id),
                rubric: all ? catalogProject.rubric : nil)
            try AtomicFile.write(text, to: staging.appendingPathComponent("bakeoff.yaml").path)
            // The project must load before it is put in place, so a retry finds the folder as it was.
            do {
                _ = try ProjectLoader.load(root: staging.path)
            } catch {
                throw Failure.invalid(error.diagnostics)
            }
            if fm.fileExists(atPath: targetURL.path) { try fm.removeItem(at: targetURL) }
            try fm.moveItem(at: staging, to: targetURL)
        } catch {
            try? fm.removeItem(at: staging)
            if let created { try? fm.removeItem(at: created) }
            throw error
        }
    }

    /// A stage.yaml whose `flow:` names only `present` stages: a stage left out in `after: [...]` is replaced by
    /// the nearest stages before it that are present (so `orchestration` after a missing `data-versioning`
    /// becomes a start), and a `feeds` entry `{to: ID, ...}` to a stage left out is dropped. Only the one-line
    /// forms the catalog writes are rewritten; anything else is left for `check` to report.
    static func pruneFlow(_ text: String, present: Set<String>, predecessors: [String: [String]]) -> String {
        func resolve(_ id: String, _ seen: inout Set<String>) -> [String] {
            if present.contains(id) { return [id] }
            guard seen.insert(id).inserted else { return [] }
            return (predecessors[id] ?? []).flatMap { resolve($0, &seen) }
        }
        func isAbsentTarget(_ entry: Substring) -> Bool {
            guard let range = entry.range(of: "to:") else { return false }
            let id = entry[range.upperBound...].drop { $0 == " " }.prefix { $0 != "," && $0 != "}" && $0 != " " }
            return !id.isEmpty && !present.contains(String(id))
        }
        var lines: [String] = []
        for line in text.components(separatedBy: "\n") {
            var line = line
            if let open = line.range(of: "after: ["), let close = line[open.upperBound...].firstIndex(of: "]") {
                var seen: Set<String> = []
                var ids: [String] = []
                for id in line[open.upperBound..<close].split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !id.isEmpty {
                    for kept in resolve(id, &seen) where !ids.contains(kept) { ids.append(kept) }
                }
                line.replaceSubrange(open.upperBound..<close, with: ids.joined(separator: ", "))
            }
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("- {to:"), isAbsentTarget(trimmed) { continue }
            if let open = line.range(of: "feeds: [{to:"), isAbsentTarget(line[line.index(open.upperBound, offsetBy: -4)...]),
                line[open.upperBound...].components(separatedBy: "{to:").count == 1, let close = line.lastIndex(of: "]"), close > open.upperBound {
                line.replaceSubrange(line.index(open.lowerBound, offsetBy: 7)...close, with: "[]")
            }
            lines.append(line)
        }
        // A block `feeds:` whose entries were all dropped becomes an empty list.
        func indent(_ line: String) -> Int { line.prefix { $0 == " " }.count }
        for (i, line) in lines.enumerated() where line.drop(while: { $0 == " " }).hasPrefix("feeds:") {
            let rest = line.drop(while: { $0 == " " }).dropFirst("feeds:".count)
            guard rest.allSatisfy({ $0 == " " }) else { continue }
            let next = lines[(i + 1)...].first { !$0.allSatisfy { $0 == " " } }
            if next.map({ indent($0) <= indent(line) || !$0.drop(while: { $0 == " " }).hasPrefix("-") }) ?? true {
                lines[i] = line + (rest.isEmpty ? " []" : "[]")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The blank stage of `init --empty` with its sample candidate and adapter.
    static func sampleStageFiles() throws -> [String: String] {
        var files = StageScaffold.stageFiles(id: sampleStage, order: 1)
        let path = "stages/\(sampleStage)/stage.yaml"
        files[path] = try StageScaffold.addingCandidate(
            StageScaffold.candidateEntry(tool: sampleTool, name: "Python standard library", homepage: "https://docs.python.org/3/library/"),
            to: files[path]!, file: path)
        files.merge(
            StageScaffold.adapterFiles(stage: sampleStage, tool: sampleTool, steps: [StageScaffold.step], install: .debian(["python3"]), working: true)
        ) { a, _ in a }
        return files
    }
}
