import ArgumentParser
import BakeoffCatalog
import BakeoffModel
import BakeoffRunner
import BakeoffScoring
import Foundation

/// `bakeoff stack`: judge the stack as a whole, not stage by stage. (Choosing the stack is `score --stack`.)
struct Stack: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stack",
        abstract: "Judge the whole stack: do its tools install together (a co-install check)?",
        subcommands: [StackCheckCommand.self])
}

/// `bakeoff stack check [TOOL...]`: the co-install check (BakeoffRunner/CoInstall): resolve a stack's Python tools
/// together with uv and record the verdict.
struct StackCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Co-install check: resolve a stack's Python tools together in one environment (uv) and record the verdict.",
        discussion: """
            It checks installation only: whether the tools' Python requirements resolve into one environment, and \
            which package each conflict is about. Which stack to choose is 'bakeoff score --stack'. \
            With no tools, checks the recommended stack, the one the deck and the site name: the whole-stack \
            choice when the project has integrations, else each assessed stage's winner under the profile \
            (its first candidate when the evidence names no pick yet). With --record, writes \
            evidence/stack/<tool ids sorted, joined by +>.json (committed evidence the site reads); without it, \
            nothing is written. Exit 0 when the stack resolves, 1 when not.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var options: ProjectOptions

    @Argument(help: "Tool ids, at most one per stage (default: the recommended stack).")
    var tools: [String] = []

    @Flag(help: "Also build the joint environment in a temporary folder and measure its size (slow).")
    var size = false

    @Flag(help: "Also resolve every pair of Python tools on its own, to find each conflict (uv names only the first).")
    var pairs = false

    @Flag(help: "Record the verdict in evidence/stack/ (the site and scoring read it); without it nothing is written.")
    var record = false

    @Option(help: "The profile that picks the recommended stack (default: the profile in bakeoff.yaml).")
    var profile: String?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let project = try options.load().project
        let (members, how) = tools.isEmpty ? try recommended(project) : (try named(project), "the tools named")
        if format == .text { print("checking \(how)") } else { Terminal.error("checking \(how)") }
        let check: CoInstallCheck
        do {
            check = try Terminal.interruptible { interruption in
                let resolver = try CoInstallResolver.locate(interruption: interruption) { Terminal.error($0) }
                let checker = CoInstallChecker(
                    projectRoot: project.root, resolver: resolver, measureSize: size, checkPairs: pairs,
                    today: Day.today())
                return try checker.check(members)
            }
            // Committed evidence changes only when asked: a check run to look would otherwise change the site.
            if record { try check.write(projectRoot: project.root) }
        } catch let error as CoInstallError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        } catch let error as UV.Failure {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        switch format {
        case .text:
            print(
                CoInstallReport.render(check)
                    + (record ? "evidence: \(check.evidencePath)" : "not recorded; add --record to write \(check.evidencePath)"))
        case .json: print(String(decoding: try check.json(), as: UTF8.self), terminator: "")
        }
        if !check.resolves { throw ExitCode(1) }
    }

    /// The recommended stack, as the deck and the site name it (the same evaluation, the same function), or a
    /// stage's first candidate where the evidence names no pick yet.
    private func recommended(_ project: Project) throws -> ([CoInstallMember], String) {
        if let profile, project.profile(profile) == nil {
            throw ValidationError(
                "--profile: unknown profile '\(profile)'; "
                    + Spelling.hint(for: profile, among: project.profiles.map(\.id), what: "profile"))
        }
        let evaluation: Evaluation
        do {
            // The same evaluation the site and the deck read: the recorded co-install checks take part in the choice.
            let (history, checks) = try EvaluationLoader.loadEvidence(project: project, pins: [])
            evaluation = try Evaluation.make(
                project: project, history: history, coInstallChecks: checks, options: ScoringOptions(profile: profile))
        } catch let error as ScoringError {
            throw ValidationError(error.description)
        } catch {
            Terminal.error(
                "error: cannot read the evidence to find the stage winners: \(error); "
                    + "name the tools instead: bakeoff stack check TOOL...")
            throw ExitCode(1)
        }
        let recommendation = evaluation.recommendation
        let (members, fallbacks) = CoInstallMember.members(of: project) { recommendation.tool(for: $0) }
        var how = "the recommended stack (\(recommendation.basis.rawValue) under profile '\(evaluation.scoreboard.profile)')"
        if !fallbacks.isEmpty {
            how += "; no winner yet, so the first candidate, for " + fallbacks.joined(separator: ", ")
        }
        return (members, how)
    }

    /// The named tools, each in the stage it is a candidate of; a wrong choice is a usage error.
    private func named(_ project: Project) throws -> [CoInstallMember] {
        do {
            return try CoInstallMember.members(named: tools, in: project)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
