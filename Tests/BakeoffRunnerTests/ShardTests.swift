import BakeoffModel
import Foundation
import TestSupport
import XCTest

@testable import BakeoffRunner

/// `bakeoff run --shard K/N`: how work is dealt out, and that the shards together cover it exactly once.
final class ShardTests: XCTestCase {
    func testParsingTakesKOfNAndRefusesTheRest() {
        XCTAssertEqual(Shard(parsing: "2/4"), Shard(index: 2, count: 4))
        for bad in ["0/4", "5/4", "1/0", "2", "a/b", "1/2/3", "-1/2", ""] { XCTAssertNil(Shard(parsing: bad), bad) }
    }

    func testLongestFirstToTheLightestShard() {
        let units = ["a", "b", "c", "d", "e"].map(Shard.Unit.stage)
        let cost: [String: Double] = ["stage a": 5, "stage b": 4, "stage c": 3, "stage d": 3, "stage e": 1]
        // a→1 (5); b→2 (4); c→2 (7); d→1 (8); e→2 (8): ties of cost go in key order, ties of load to shard 1.
        let shards = Shard.deal(units, into: 2, seconds: { cost[$0.key] })
        XCTAssertEqual(shards.map { $0.map(\.key) }, [["stage a", "stage d"], ["stage b", "stage c", "stage e"]])
    }

    func testWithoutHistoryByCountAndAnUnmeasuredUnitCountsTheMedian() {
        let units = ["a", "b", "c", "d", "e"].map(Shard.Unit.stage)
        XCTAssertEqual(
            Shard.deal(units, into: 2, seconds: { _ in nil }).map { $0.map(\.key) },
            [["stage a", "stage c", "stage e"], ["stage b", "stage d"]])
        // Known 1, 3, 5: the median 3 for d and e. Order a 5, d 3, e 3 (key order), c 3... then b 1.
        let cost: [String: Double] = ["stage a": 5, "stage b": 1, "stage c": 3]
        let shards = Shard.deal(units, into: 2, seconds: { cost[$0.key] })
        // a→1 (5); c→2 (3); d→2 (6); e→1 (8); b→2 (7).
        XCTAssertEqual(shards.map { $0.map(\.key) }, [["stage a", "stage e"], ["stage b", "stage c", "stage d"]])
    }

    func testMoreShardsThanUnitsLeavesSomeEmpty() {
        let shards = Shard.deal([.stage("a")], into: 3, seconds: { _ in 7 })
        XCTAssertEqual(shards.map(\.count), [1, 0, 0])
    }

    func testTheEstimateIsTheNewestRunsWallPerRepetitionPlusItsInstall() {
        func o(_ run: String, _ tool: String, _ rep: Int, _ wall: Double) -> Observation {
            Observation(runID: run, stage: "s", tool: tool, step: "x", repetition: rep, status: .ok, startedAt: "", wallSeconds: wall)
        }
        let provenance = Provenance(
            cpuModel: "", cores: 1, memoryBytes: 0, os: "", kernel: "", python: "", uv: "", gitCommit: "", bakeoffVersion: "", network: "")
        let old = Run(
            id: "old", startedAt: "2026-01-01T00:00:00Z", endedAt: nil, status: .complete, repetitions: 2,
            provenance: provenance, environments: [], observations: [o("old", "a", 1, 100), o("old", "b", 1, 10), o("old", "b", 2, 10)])
        let new = Run(
            id: "new", startedAt: "2026-02-01T00:00:00Z", endedAt: nil, status: .complete, repetitions: 2,
            provenance: provenance,
            environments: [
                EnvironmentRecord(
                    stage: "s", tool: "a", kind: "python", lockHash: "", toolVersion: "", installSeconds: 30, sizeBytes: 0,
                    distributions: 0, packages: [])
            ],
            observations: [o("new", "a", 1, 4), o("new", "a", 2, 6)])
        let estimate = WorkEstimate(runs: [old, new])
        // a: newest run, (4 + 6) / 2 = 5 s a repetition, 3 repetitions, 30 s install = 45; b: 10 s × 3 = 30.
        XCTAssertEqual(estimate.seconds(stage: "s", tools: ["a", "b"], repetitions: 3), 75)
        // c was never measured: counted as the mean of a and b.
        XCTAssertEqual(estimate.seconds(stage: "s", tools: ["a", "b", "c"], repetitions: 3), 112.5)
        XCTAssertNil(estimate.seconds(stage: "t", tools: ["a"], repetitions: 3))
    }

    /// The bundled project: for N = 1...6 every stage (with its tools) and every pair lands in exactly one shard.
    func testShardsOfTheBundledProjectCoverEveryStageToolAndPairOnce() throws {
        func units(_ shard: String) throws -> [String] {
            let out = try CLI.run(
                ["run", "--project", Repository.root, "--stage", "all", "--integration", "all", "--shard", shard, "--dry-run"])
            XCTAssertEqual(out.status, 0, out.stderr)
            let prefix = "shard \(shard): "
            let lines = out.stdout.split(separator: "\n").map(String.init)
            let mine = lines.filter { $0.hasPrefix(prefix + "stage ") || $0.hasPrefix(prefix + "pair ") }
                .map { line in String(line.dropFirst(prefix.count)).components(separatedBy: ", expected")[0] }
            // The plan printed after the shard lines holds exactly the shard's stages and integrations.
            let planned = Set(lines.filter { $0.hasPrefix("stage ") }.map { $0.dropFirst(6).prefix { $0 != ":" } }.map(String.init))
            let expected = Set(mine.map { String($0.split(separator: " ")[1]) })
            XCTAssertEqual(planned, expected, shard)
            return mine
        }
        let all = try units("1/1")
        // Ten stages, of which the CI service is compared on sourced facts only (no scenario to run).
        XCTAssertEqual(all.filter { $0.hasPrefix("stage ") }.count, 9)
        XCTAssertEqual(all.filter { $0.hasPrefix("pair ") }.count, 72)
        XCTAssertTrue(all.contains("stage experiment-tracking (mlflow, wandb, aim, dvclive)"), "\(all)")
        for n in 2...6 {
            var together: [String] = []
            for k in 1...n { together += try units("\(k)/\(n)") }
            XCTAssertEqual(together.count, all.count, "N=\(n): a unit is in two shards or none")
            XCTAssertEqual(Set(together), Set(all), "N=\(n)")
        }
    }
}
