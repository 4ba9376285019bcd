import ArgumentParser
import BakeoffLedger
import BakeoffModel
import BakeoffRunner
import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `bakeoff run`: install the environments, execute the scenarios, record every observation.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Install, execute and record the scenarios against the real tools.",
        discussion: """
            By default every stage the team assesses that has a scenario, with every candidate that has an \
            adapter. Each observation goes into evidence/ledger.sqlite the moment it is measured; at the end \
            (or on Ctrl-C) the run is written to evidence/runs/<run-id>.json.
            """)

    @OptionGroup var options: ProjectOptions

    @Option(name: .customLong("stage"), help: ArgumentHelp("Only this stage (repeatable; 'all' for every one).", valueName: "id"))
    var stages: [String] = []

    @Option(name: .customLong("tool"), help: ArgumentHelp("Only this tool (repeatable).", valueName: "id"))
    var tools: [String] = []

    @Option(
        name: .customLong("integration"),
        help: ArgumentHelp(
            "Run this integration between neighbouring stages for every pair of their tools (repeatable; 'all' for every one). Without --stage, only integrations run.",
            valueName: "id"))
    var integrations: [String] = []

    // Unconditional parsing takes `-3` as the value, so validate() can say what is wrong with it instead of
    // the parser's "Missing value".
    @Option(
        name: .customLong("repeat"), parsing: .unconditional,
        help: "Repetitions per tool; the first is reported apart as the cold run.")
    var repetitions: Int = 3

    @Flag(help: "Rebuild the tools' environments even when a cached one matches the lock file.")
    var fresh = false

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Seconds before a step is stopped, instead of the scenario's timeouts.", valueName: "seconds"))
    var timeout: Double?

    @Option(
        help: ArgumentHelp(
            "Run only shard K of N: whole stages and single integration pairs dealt out by the expected minutes of the committed runs (by count without any); the N shards together run everything once.",
            valueName: "K/N"))
    var shard: String?

    @Flag(name: .customLong("dry-run"), help: "Print the environments, steps and commands that would run, and exit.")
    var dryRun = false

    func validate() throws {
        guard repetitions >= 1 else {
            throw ValidationError("--repeat must be at least 1, not \(repetitions); e.g. --repeat 3 (the first is the cold run)")
        }
        if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be above 0 seconds, e.g. --timeout 600") }
        if let shard, Shard(parsing: shard) == nil {
            throw ValidationError("--shard '\(shard)': expected K/N with 1 ≤ K ≤ N, e.g. --shard 2/4")
        }
    }

    func run() throws {
        let project = try options.load().project
        var plan: RunPlan
        var pairs: [IntegrationPair]
        do {
            (plan, pairs) = try RunPlan.make(project: project, stages: stages, tools: tools, integrations: integrations)
        } catch let error as RunPlan.SelectionError {
            throw ValidationError(error.description)
        }
        if let shard = shard.flatMap(Shard.init(parsing:)) {
            // Every shard must deal the same way: only the committed run files count, never a local ledger.
            let estimate = WorkEstimate(runs: try Evidence.reporting { try EvidenceMerge.committedRuns(projectRoot: project.root) })
            let kept = plan.keep(shard: shard, pairs: &pairs, estimate: estimate, repetitions: repetitions)
            // Said first, also before a real run: a CI log then shows which share this machine took.
            for line in shard.describe(kept) { print(line) }
            if kept.isEmpty { return }
        }
        if !pairs.isEmpty {
            // Each pair's joint environment is resolved first (a dry run resolves and writes nothing); a pair
            // whose tools conflict is recorded as such.
            var blocked: [String: [String: String]] = [:]
            if !dryRun {
                do {
                    blocked = try Terminal.interruptible { interruption in
                        var locks = IntegrationLocks(projectRoot: project.root, interruption: interruption)
                        return try locks.prepareAll(pairs) { Terminal.write("\($0)\n") }
                    }
                } catch let exit as ExitCode {
                    throw exit
                } catch {
                    Terminal.error("error: \(error)")
                    throw ExitCode(1)
                }
            }
            plan.entries += IntegrationPlan.entries(projectRoot: project.root, pairs: pairs, blocked: blocked)
        }
        let caller = ProcessInfo.processInfo.environment
        let cache = EnvironmentBuilder.defaultCacheFolder(caller)
        let environments = EnvironmentBuilder(
            cacheFolder: cache, fresh: fresh, installEnvironment: StepEnvironment.forInstall(from: caller))
        let sandbox = NetworkSandbox.probe()
        defer { sandbox.close() }
        if dryRun {
            let lines = plan.describe(
                environments: environments, repetitions: repetitions, timeoutOverride: timeout, network: sandbox.description)
            for line in lines { print(line) }
            return
        }

        let ledger = try Evidence.reporting { try Ledger(path: EvidenceStore.ledgerPath(projectRoot: project.root)) }
        let progress = ConsoleProgress.make(isTerminal: isatty(2) == 1) { Terminal.write($0) }
        let runner = Runner(
            options: RunOptions(
                repetitions: repetitions, timeoutOverride: timeout, bakeoffVersion: BakeoffVersion.current,
                environments: environments, workFolder: "\(cache)/work", sandbox: sandbox),
            recorder: .into(ledger), progress: progress)

        // Ctrl-C, TERM and a closed terminal (HUP) stop the steps; the run then ends as interrupted with
        // everything measured kept.
        runner.interruption.catchSignals {
            Terminal.write("\ninterrupted: stopping the running steps and keeping what was measured\n")
        }
        defer { runner.interruption.stopCatchingSignals() }

        let run: BakeoffModel.Run
        do {
            run = try runner.run(plan)
        } catch {
            Terminal.error("error: recording the run failed: \(error); the ledger is \(EvidenceStore.ledgerPath(projectRoot: project.root))")
            throw ExitCode(1)
        }
        let path = try Evidence.reporting {
            try ledger.exportRunFile(run.id, to: EvidenceStore.runsFolder(projectRoot: project.root))
        }
        for line in RunSummary.lines(run.observations) { print(line) }
        print("run \(run.id) \(run.status.rawValue): \(RunSummary.counts(run.observations)); wrote \(Evidence.displayPath(path))")
        if run.status == .interrupted { throw ExitCode(130) }
        let failures = RunSummary.failures(run.observations)
        if failures > 0 {
            // Everything measured is kept; the exit code lets a CI job see that a step did not work.
            Terminal.error(
                "error: \(failures) step\(failures == 1 ? "" : "s") failed or timed out; the table above names them and each reason is in \(Evidence.displayPath(path)); fix the adapter or the tool and run again")
            throw ExitCode(1)
        }
    }
}

extension Terminal {
    /// Writes `text` to stderr as is (progress lines).
    static func write(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }
}
