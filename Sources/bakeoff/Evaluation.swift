import ArgumentParser
import BakeoffCatalog
import BakeoffLedger
import BakeoffModel
import BakeoffScoring

/// The weight options `score`, `build`, `checkin`, `slides` and `check --rubric` share.
struct WeightOptions: ParsableArguments {
    @Option(help: "The weight profile (default: the one bakeoff.yaml names).")
    var profile: String?

    @Option(name: .customLong("weight"), help: "Override a criterion's relative weight, e.g. cost=40 (repeatable).")
    var weights: [String] = []

    @Option(
        name: .customLong("pin"),
        help: ArgumentHelp(
            "Use this run as the evidence of the stages and tools it holds, over newer runs (repeatable; bakeoff.yaml's evidence.pin does the same).",
            valueName: "RUN"))
    var pins: [String] = []

    /// `CRITERION=NUMBER` pairs for the project's criteria, or a usage error naming the bad one.
    func overrides(project: Project) throws -> [String: Double] {
        let known = project.criteria.map(\.id)
        var result: [String: Double] = [:]
        for item in weights {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ValidationError("--weight '\(item)': expected CRITERION=NUMBER, e.g. --weight cost=40")
            }
            let name = String(parts[0])
            guard known.contains(name) else {
                throw ValidationError(
                    "--weight '\(item)': unknown criterion '\(name)'; \(Spelling.hint(for: name, among: known, what: "criterion"))")
            }
            guard let value = Double(parts[1]), value.isFinite, value >= 0 else {
                throw ValidationError("--weight '\(item)': '\(parts[1])' is not a weight; give a number of 0 or more")
            }
            result[name] = value
        }
        return result
    }
}

/// A loaded project with its evidence and scores: what every reporting command starts from.
struct Evaluation {
    var project: Project
    var runs: [BakeoffModel.Run]
    var scoreboard: Scoreboard

    static func load(_ options: ProjectOptions, weights: WeightOptions) throws -> Evaluation {
        try load(project: try options.load().project, weights: weights)
    }

    /// From a project already loaded (and its warnings already printed).
    static func load(project: Project, weights: WeightOptions) throws -> Evaluation {
        let runs: [BakeoffModel.Run]
        do {
            runs = try EvidenceStore.loadRuns(projectRoot: project.root)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        let scoringOptions = ScoringOptions(
            profile: weights.profile, weightOverrides: try weights.overrides(project: project), pins: weights.pins)
        do {
            let scoreboard = try Scorer.score(project: project, runs: runs, options: scoringOptions)
            return Evaluation(project: project, runs: runs, scoreboard: scoreboard)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
