import Foundation
import TestSupport
import XCTest

/// Two machines each run their shard in their own folder, a third merges the run files: the scores are those
/// of the same observations recorded as one machine's run.
final class ShardMergeTests: XCTestCase {
    /// The bundled project with ci-cd and data-versioning reduced to two fixture tools each (no uv needed).
    private func project(_ name: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder("bakeoff-shard-\(name)")
        try Repository.copyBundledProject(to: folder.path)
        for (stage, tools, steps) in [
            ("ci-cd", ["ruff", "flake8"], ["lint", "autofix", "precommit"]),
            ("data-versioning", ["dvc", "git-lfs"], [
                "setup", "add", "modify", "commit_version", "checkout_old", "storage", "remote_push", "remote_clone", "remote_fetch_one",
            ]),
        ] {
            try FileManager.default.removeItem(atPath: "\(folder.path)/stages/\(stage)/adapters")
            for tool in tools {
                try folder.write(
                    "stages/\(stage)/adapters/\(tool)/adapter.yaml",
                    "install: {debian: [coreutils], version: [true, --version]}\nsteps:\n"
                        + steps.map { "  \($0): {run: [sh, -c, \"echo '{\\\"files\\\": \(tool.count)}'\"]}\n" }.joined())
            }
        }
        return folder
    }

    private func bakeoff(_ arguments: [String], _ folder: TemporaryFolder) throws -> CLI.Output {
        let out = try CLI.run(
            arguments + ["--project", folder.path], in: folder.path, environment: ["XDG_CACHE_HOME": folder.path + "/cache"])
        XCTAssertEqual(out.status, 0, "\(arguments): \(out.stderr)")
        return out
    }

    /// The run file a command wrote (`wrote evidence/runs/ID.json`).
    private func written(_ out: CLI.Output, in folder: TemporaryFolder) throws -> String {
        let line = try XCTUnwrap(out.stdout.split(separator: "\n").last { $0.contains("wrote evidence/runs/") }, out.stdout)
        let name = try XCTUnwrap(line.components(separatedBy: "wrote evidence/runs/").last)
        return "\(folder.path)/evidence/runs/\(name)"
    }

    func testShardsRunApartThenMergedScoreAsOneMachinesRun() throws {
        let shards = try (1...2).map { try project("machine-\($0)") }
        let merged = try project("merged")
        let single = try project("single")
        defer { for f in shards + [merged, single] { f.remove() } }

        var files: [String] = []
        for (k, folder) in shards.enumerated() {
            let out = try bakeoff(
                ["run", "--stage", "ci-cd", "--stage", "data-versioning", "--repeat", "2", "--shard", "\(k + 1)/2"], folder)
            files.append(try written(out, in: folder))
        }
        let runs = try files.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: $0))) as? [String: Any]) }
        let stages = runs.map { Set(($0["observations"] as? [[String: Any]] ?? []).compactMap { $0["stage"] as? String }) }
        XCTAssertEqual(Set(stages), [["data-versioning"], ["ci-cd"]], "each machine ran one whole stage")
        for run in runs {
            // Each machine measured its speed on the calibration loop when the run began.
            let calibration = (run["provenance"] as? [String: Any])?["calibration"] as? [String: Any]
            XCTAssertTrue((calibration?["workload"] as? String ?? "").hasPrefix("xorshift64-100ms/"), "\(String(describing: calibration))")
            XCTAssertGreaterThan(calibration?["iterationsPerSecond"] as? Double ?? 0, 1e6)
        }

        // The merge: both shards' run files, as downloaded artifacts, one folder each.
        for (k, file) in files.enumerated() {
            try merged.write("artifacts/shard-\(k + 1)/\((file as NSString).lastPathComponent)", try String(contentsOfFile: file, encoding: .utf8))
        }
        let merge = try bakeoff(["evidence", "merge", "artifacts"], merged)
        XCTAssertTrue(merge.stdout.hasSuffix("merged 2 runs: 2 imported, 0 already held, 2 run files written\n"), merge.stdout)
        XCTAssertEqual(
            try bakeoff(["evidence", "merge", "artifacts"], merged).stdout,
            "merged 2 runs: 0 imported, 2 already held, 0 run files written\n", "merging again changes nothing")

        // One machine: the same observations as a single run.
        var one = runs[0]
        one["id"] = "one-machine"
        one["observations"] = runs.flatMap { $0["observations"] as? [[String: Any]] ?? [] }
        one["environments"] = runs.flatMap { $0["environments"] as? [[String: Any]] ?? [] }
        try single.write(
            "evidence/runs/one-machine.json",
            String(decoding: try JSONSerialization.data(withJSONObject: one, options: [.sortedKeys]), as: UTF8.self))

        // Evidence links name the run each value came from: the shards' ids there, "one-machine" here.
        let ids = runs.compactMap { $0["id"] as? String }
        XCTAssertEqual(ids.count, 2)
        for format in ["json", "text", "csv"] {
            var a = try bakeoff(["score", "--format", format], merged).stdout
            for id in ids { a = a.replacingOccurrences(of: id, with: "one-machine") }
            let b = try bakeoff(["score", "--format", format], single).stdout
            XCTAssertEqual(a, b, "score --format \(format)")
            XCTAssertFalse(a.isEmpty)
        }
    }
}
