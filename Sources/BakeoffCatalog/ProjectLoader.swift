import BakeoffModel
import Foundation

/// Loads and validates a whole project, collecting every problem before failing once.
public enum ProjectLoader {
    /// The loaded project and the warnings found on the way.
    public struct Result: Sendable {
        public var project: Project
        public var warnings: [Diagnostic]
    }

    /// Loads the project at `root`. Throws `CatalogError` with every error (and warning) when any error exists.
    /// - Parameter today: facts dated after this day are errors; nil skips that check.
    public static func load(root: String, today: Day? = Day.today()) throws(CatalogError) -> Result {
        let diagnostics = DiagnosticCollector()
        let files = ProjectFiles(root: root, diagnostics: diagnostics, today: today)
        guard files.exists(TeamLoader.path) else {
            throw CatalogError(diagnostics: [
                Diagnostic(file: TeamLoader.path, line: 1, column: 1, path: "", message: "no bakeoff.yaml in \(root)",
                    hint: "run 'bakeoff init DIR' to start a project, or pass --project DIR")
            ])
        }
        var stages: [Stage] = []
        var orders: [Int: String] = [:]
        let references = StageReferences()
        let loadedStages = loadStages(files)
        for (id, loaded) in loadedStages {
            references.add(contentsOf: loaded.references)
            guard let stage = loaded.stage else { continue }
            if let other = orders[stage.order] {
                diagnostics.add(
                    Diagnostic(file: "stages/\(id)/stage.yaml", line: 1, column: 1, path: "order",
                        message: "stage '\(id)' has the same order \(stage.order) as stage '\(other)'",
                        hint: "give each stage its own position in the pipeline"))
            }
            orders[stage.order] = id
            stages.append(stage)
        }
        stages.sort { ($0.order, $0.id) < ($1.order, $1.id) }
        // The references report into their stage file's collector, so the collectors are gathered after.
        references.check(known: stages.map(\.id))
        for (_, loaded) in loadedStages { diagnostics.add(contentsOf: loaded.diagnostics) }
        checkParts(stages, diagnostics: diagnostics)
        if stages.isEmpty {
            files.report(file: "stages", "no stage is defined", hint: "add stages/<id>/stage.yaml")
        }
        // Integrations in data-flow order: by how far their upstream stage is from a stage nothing feeds (the
        // longest chain of integrations leading to it), then by stage order and id.
        let loaded = IntegrationLoader(files: files, stages: stages).loadAll()
        var depth: [String: Int] = [:]
        for _ in 0..<loaded.count {
            for i in loaded { depth[i.stages[1]] = max(depth[i.stages[1]] ?? 0, min((depth[i.stages[0]] ?? 0) + 1, loaded.count)) }
        }
        let position = Dictionary(stages.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let integrations = loaded.sorted {
            let a = [depth[$0.stages[0]] ?? 0, position[$0.stages[0]] ?? .max, position[$0.stages[1]] ?? .max]
            let b = [depth[$1.stages[0]] ?? 0, position[$1.stages[0]] ?? .max, position[$1.stages[1]] ?? .max]
            return a != b ? a.lexicographicallyPrecedes(b) : $0.id < $1.id
        }
        let criteriaLoader = CriteriaLoader(files: files, stages: stages)
        let (criteria, costModel) = criteriaLoader.load()
        let (profiles, weights) = criteriaLoader.loadProfiles(criteria: criteria)
        let team = TeamLoader(files: files, stages: stages, profiles: profiles).load()
        if let team { criteriaLoader.reportCriteriaWithoutEvidence(team: team, criteria: criteria, profiles: profiles, weights: weights) }

        guard !diagnostics.hasErrors, let team, let costModel else {
            throw CatalogError(diagnostics: diagnostics.items)
        }
        let project = Project(
            root: root, team: team, criteria: criteria, costModel: costModel, profiles: profiles, stages: stages,
            integrations: integrations)
        return Result(project: project, warnings: diagnostics.items.sorted())
    }

    /// Every stage folder loaded, in id order: each on its own core (the stage files are most of what a
    /// project holds), with its own diagnostics and flow references, gathered in that order so the result is
    /// the same as loading them one after the other.
    static func loadStages(_ files: ProjectFiles) -> [(id: String, loaded: LoadedStage)] {
        var ids: [String] = []
        for id in files.subfolders("stages") {
            guard Identifier.isValid(id) else {
                files.report(file: "stages/\(id)", "'\(id)' is not a valid stage id", hint: "rename the folder with lower-case letters, digits and '-'")
                continue
            }
            guard files.exists("stages/\(id)/stage.yaml") else {
                files.report(file: "stages/\(id)", "the stage folder has no stage.yaml", hint: "add one or remove the folder")
                continue
            }
            ids.append(id)
        }
        nonisolated(unsafe) let files = files
        let folders = ids
        let loaded = Parallel.map(ids.count) { i in
            let own = files.reporting(to: DiagnosticCollector())
            let loader = StageLoader(files: own)
            return LoadedStage(stage: loader.load(id: folders[i]), diagnostics: own.diagnostics, references: loader.references)
        }
        return Array(zip(ids, loaded)).map { (id: $0.0, loaded: $0.1) }
    }

    struct LoadedStage {
        var stage: Stage?
        var diagnostics: DiagnosticCollector
        var references: StageReferences
    }

    /// A stage's `part_of` names another stage that is not itself a part (one level: a part of a part would
    /// leave its grandparent counted twice or not at all).
    static func checkParts(_ stages: [Stage], diagnostics: DiagnosticCollector) {
        let byId = Dictionary(stages.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for stage in stages {
            guard let parent = stage.partOf else { continue }
            let problem: (String, String)?
            if parent == stage.id {
                problem = ("stage '\(stage.id)' is part of itself", "name the stage it belongs to, or remove part_of")
            } else if let p = byId[parent] {
                problem = p.partOf.map { grand in
                    ("stage '\(stage.id)' is part of '\(parent)', which is itself part of '\(grand)'",
                     "make it part_of: \(grand), the stage of its own")
                }
            } else {
                problem = ("stage '\(stage.id)' is part of an unknown stage '\(parent)'",
                           Spelling.hint(for: parent, among: stages.map(\.id), what: "stage"))
            }
            if let (message, hint) = problem {
                diagnostics.add(
                    Diagnostic(file: "stages/\(stage.id)/stage.yaml", line: 1, column: 1, path: "part_of", message: message, hint: hint))
            }
        }
    }

    /// Whether `root` holds a bakeoff.yaml (a file; it may still be invalid).
    public static func isProject(_ root: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent(TeamLoader.path), isDirectory: &isFolder)
            && !isFolder.boolValue
    }

    /// The nearest folder at or above `start` holding a `bakeoff.yaml`.
    public static func locate(from start: String) -> String? {
        var folder = URL(fileURLWithPath: start).standardizedFileURL
        while true {
            if isProject(folder.path) { return folder.path }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }
}

extension Day {
    /// Today's date in UTC.
    public static func today() -> Day {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)
    }
}
