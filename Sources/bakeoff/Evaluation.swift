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

/// Loads what an `Evaluation` is built from (the project, its run files, its recorded stack checks) and builds
/// it once for a command.
enum EvaluationLoader {
    static func load(_ options: ProjectOptions, weights: WeightOptions, samples: Int = ScoringOptions().samples) throws -> Evaluation {
        let (loaded, evidence) = try options.loadWithEvidence()
        return try load(project: loaded.project, weights: weights, samples: samples, evidence: evidence)
    }

    static let defaultSeed = ScoringOptions().seed

    /// What an evaluation with these pins reads of the evidence: every recorded run summarized and the picked
    /// ones in full, and the recorded stack checks. `evidence`, when given, was opened while the project loaded.
    static func loadEvidence(project: Project, pins: [String], evidence: EvidenceReader? = nil) throws
        -> (history: RunHistory, checks: [CoInstallSummary])
    {
        let evidence = evidence ?? EvidenceReader.start(projectRoot: project.root)
        let history = try evidence.history { Evaluation.runIDs(project: project, history: $0, pins: pins) }
        return (history, try evidence.coInstallChecks().map(\.summary))
    }

    /// From a project already loaded (and its warnings already printed); `evidence`, when given, was started
    /// while the project loaded (`ProjectOptions.loadWithEvidence`).
    static func load(
        project: Project, weights: WeightOptions, samples: Int = ScoringOptions().samples, seed: UInt64 = defaultSeed,
        evidence: EvidenceReader? = nil
    ) throws -> Evaluation {
        let history: RunHistory
        let checks: [CoInstallSummary]
        do {
            (history, checks) = try loadEvidence(project: project, pins: weights.pins, evidence: evidence)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        let options = ScoringOptions(
            profile: weights.profile, weightOverrides: try weights.overrides(project: project), samples: samples, seed: seed,
            pins: weights.pins)
        do {
            return try Evaluation.make(project: project, history: history, coInstallChecks: checks, options: options)
        } catch let error as ScoringError {
            throw ValidationError(error.description)
        }
    }
}
