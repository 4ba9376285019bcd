import ArgumentParser
import BakeoffBench
import BakeoffModel
import BakeoffReports
import BakeoffScoring
import Foundation

/// `bakeoff-bench`: the scoring's benchmarks and cross-checks (see bench/scoring/README.md).
struct BakeoffBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bakeoff-bench", abstract: "Benchmarks and cross-checks of Bakeoff's scoring.",
        subcommands: [MonteCarlo.self, CrossCheckMatrices.self, Synthetic.self])
}

/// Times the Monte Carlo on a 6 × 5 matrix and prints the matrix with the timings (for bench_numpy.py).
struct MonteCarlo: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "montecarlo", abstract: "Time the Monte Carlo (JSON for bench_numpy.py).")
    @Argument(help: "Timed runs after one warm-up.") var runs: Int = 50
    @Option(help: "Weight samples per run.") var samples: Int = 100_000
    @Option(help: "Seed.") var seed: UInt64 = 20261129
    func run() throws { print(MonteCarloBenchmark.run(runs: runs, samples: samples, seed: seed), terminator: "") }
}

/// Random decision problems with Bakeoff's rankings, for crosscheck.py to re-rank with pymcdm.
struct CrossCheckMatrices: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "crosscheck", abstract: "Export random problems ranked by Bakeoff (JSON for crosscheck.py).")
    @Argument(help: "How many problems.") var count: Int = 1000
    @Option(help: "Weight samples of the Monte Carlo checks.") var samples: Int = 100_000
    @Option(help: "Seed.") var seed: UInt64 = 20261129
    func run() throws { print(try CrossCheck.export(count: count, seed: seed, samples: samples), terminator: "") }
}

/// Scores a generated project in memory, as `bakeoff score` would, and prints the text scoreboard.
struct Synthetic: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "synthetic", abstract: "Score a generated project of a given size.")
    @Argument(help: "STAGESxTOOLSxINDICATORS, e.g. 50x20x30.") var size: String
    @Option(help: "Monte Carlo weight samples per stage.") var samples: Int = 100_000
    @Option(help: "Seed.") var seed: UInt64 = 20261129
    func validate() throws {
        guard SyntheticProject.parseSize(size) != nil else { throw ValidationError("expected STAGESxTOOLSxINDICATORS, e.g. 50x20x30") }
    }
    func run() throws {
        let (s, t, i) = SyntheticProject.parseSize(size)!
        let (project, runs) = SyntheticProject.make(stages: s, tools: t, indicators: i, seed: seed)
        let board = try Scorer.score(project: project, history: RunHistory(runs), options: ScoringOptions(samples: samples, seed: seed))
        print(ScoreboardFormatter.text(board), terminator: "")
    }
}

BakeoffBenchCommand.main()
