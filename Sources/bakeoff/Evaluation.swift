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

    /// `CRITERION=NUMBER` pairs, or a usage error naming the bad one.
    func overrides() throws -> [String: Double] {
        var result: [String: Double] = [:]
        for pair in weights {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]), value.isFinite else {
                throw ValidationError("--weight '\(pair)': expected CRITERION=NUMBER, e.g. cost=40")
            }
            guard value >= 0 else { throw ValidationError("--weight '\(pair)': a weight must be ≥ 0") }
            result[parts[0]] = value
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
        let project = try options.load().project
        let runs: [BakeoffModel.Run]
        do {
            runs = try EvidenceStore.loadRuns(projectRoot: project.root)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        let scoringOptions = ScoringOptions(profile: weights.profile, weightOverrides: try weights.overrides())
        do {
            let scoreboard = try Scorer.score(project: project, runs: runs, options: scoringOptions)
            return Evaluation(project: project, runs: runs, scoreboard: scoreboard)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
