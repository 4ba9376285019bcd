import BakeoffModel
import Foundation
import TestSupport
import XCTest

@testable import BakeoffRunner

#if canImport(Glibc)
import Glibc
#endif

/// The run file (`evidence/runs/<id>.json`, the ledger's schema) named in what the command printed.
func runFile(_ folder: TemporaryFolder, printed: String) throws -> [String: Any] {
    let files = try FileManager.default.contentsOfDirectory(atPath: "\(folder.path)/evidence/runs")
    let name = try XCTUnwrap(files.first { $0.hasSuffix(".json") && printed.contains("evidence/runs/\($0)") }, printed)
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.url("evidence/runs/\(name)")))
    return try XCTUnwrap(object as? [String: Any])
}

/// `bakeoff run` itself: the bundled project with its ci-cd stage swapped for cheap fixture steps.
final class RunCommandTests: XCTestCase {
    private func project(slow: Bool, failing: Bool = false) throws -> TemporaryFolder {
        let folder = try TemporaryFolder("bakeoff-run-cmd")
        try Repository.copyBundledProject(to: folder.path)
        let adapters = "\(folder.path)/stages/ci-cd/adapters"
        for tool in (try? FileManager.default.contentsOfDirectory(atPath: adapters)) ?? [] where tool != "ruff" {
            try FileManager.default.removeItem(atPath: "\(adapters)/\(tool)")
        }
        try? FileManager.default.removeItem(atPath: "\(adapters)/ruff")
        // The criteria name these step ids.
        let ids = ["lint", "format_check", "autofix", "precommit"]
        try folder.write(
            "stages/ci-cd/scenario.yaml",
            "description: Fixture steps.\nsteps:\n" + ids.map { "  - {id: \($0), title: \($0), timeout: 60}\n" }.joined())
        let slowStep = "[sh, -c, \"echo $$ > \(folder.path)/slow.pid; sleep 60\"]"
        try folder.write(
            "stages/ci-cd/adapters/ruff/adapter.yaml",
            """
            install: {debian: [coreutils], version: [true, --version]}
            steps:
              lint: {run: [sh, -c, "echo '{\\"ok\\": true, \\"findings\\": 7}'"]}
              format_check: {run: \(slow ? slowStep : "[true]")}
              autofix: {unsupported: "fixture"}
              precommit: {run: \(failing ? "[sh, -c, \"echo no \(NSHomeDirectory())/.config/x in \(folder.path)/stages >&2; exit 3\"]" : "[true]")}

            """)
        return folder
    }

    private func observations(_ run: [String: Any]) -> [[String: Any]] {
        run["observations"] as? [[String: Any]] ?? []
    }

    private var executable: String { CLI.productsFolder.appendingPathComponent("bakeoff").path }

    func testARunIsRecordedInTheLedgerAndARunFileWithASummary() throws {
        let folder = try project(slow: false)
        defer { folder.remove() }
        let out = try CLI.run(
            ["run", "--project", folder.path, "--stage", "ci-cd", "--repeat", "2"],
            environment: ["XDG_CACHE_HOME": folder.path + "/cache"])
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertTrue(out.stdout.contains("ci-cd  ruff  lint"), out.stdout)
        let run = try runFile(folder, printed: out.stdout)
        XCTAssertEqual(run["status"] as? String, "complete")
        let list = observations(run)
        XCTAssertEqual(list.count, 8)
        XCTAssertEqual(list.filter { $0["step"] as? String == "lint" }.map { ($0["metrics"] as? [String: Any])?["findings"] as? Double }, [7, 7])
        XCTAssertEqual(list.filter { $0["step"] as? String == "autofix" }.map { $0["status"] as? String }, ["unsupported", "unsupported"])
        XCTAssertEqual((run["environments"] as? [[String: Any]])?.map { $0["tool"] as? String }, ["ruff"])

        let typo = try CLI.run(["run", "--project", folder.path, "--stage", "ci-cdd"])
        XCTAssertEqual(typo.status, 64)
        XCTAssertTrue(typo.stderr.contains("unknown stage 'ci-cdd'; did you mean 'ci-cd'?"), typo.stderr)
    }

    func testAFailedStepMakesTheRunExit1WithTheCountsButUnsupportedDoesNot() throws {
        let folder = try project(slow: false, failing: true)
        defer { folder.remove() }
        let out = try CLI.run(
            ["run", "--project", folder.path, "--stage", "ci-cd", "--repeat", "1"],
            environment: ["XDG_CACHE_HOME": folder.path + "/cache"])
        XCTAssertEqual(out.status, 1, out.stderr)
        // 4 steps: lint and format_check ok, autofix unsupported, precommit failed (exit 3).
        XCTAssertTrue(out.stdout.contains(" complete: 4 observations: 2 ok, 1 failed, 1 unsupported; wrote "), out.stdout)
        XCTAssertTrue(out.stderr.contains("error: 1 step failed or timed out; "), out.stderr)
        let run = try runFile(folder, printed: out.stdout)
        XCTAssertEqual(run["status"] as? String, "complete")
        // What is recorded names no path of this machine: the home is ~, the project relative.
        let failed = try XCTUnwrap(observations(run).first { $0["status"] as? String == "failed" })
        XCTAssertEqual(failed["stderrTail"] as? String, "no ~/.config/x in stages")
    }

    func testCtrlCStopsTheStepKeepsTheMeasuredObservationsAndExits130() throws {
        let folder = try project(slow: true)
        defer { folder.remove() }
        let process = try RunningProcess(
            LaunchRequest(
                arguments: [executable, "run", "--project", folder.path, "--stage", "ci-cd", "--repeat", "1"],
                environment: ProcessInfo.processInfo.environment.merging(["XDG_CACHE_HOME": folder.path + "/cache"]) { $1 },
                directory: folder.path,
                stdoutPath: "\(folder.path)/out", stderrPath: "\(folder.path)/err"))
        // Wait for the slow step to start, then interrupt the command as a terminal would.
        let until = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: "\(folder.path)/slow.pid"), Date() < until { usleep(50_000) }
        usleep(200_000)
        kill(process.pid, SIGINT)
        let m = process.wait(timeout: 30, grace: 2)
        let stderr = (try? folder.read("err")) ?? ""
        XCTAssertEqual(m.exitCode, 130, stderr)
        let slow = pid_t(try folder.read("slow.pid").trimmingCharacters(in: .whitespacesAndNewlines))!
        XCTAssertFalse(isAlive(slow))
        let run = try runFile(folder, printed: (try? folder.read("out")) ?? "")
        XCTAssertEqual(run["status"] as? String, "interrupted")
        XCTAssertEqual(observations(run).map { "\($0["step"] as? String ?? "") \($0["status"] as? String ?? "")" }, ["lint ok"])
    }
}

/// `bakeoff run --integration`: a fixture integration between the ci-cd and web-app stages, whose two fixture
/// tools are Debian-packaged (so the pair's joint lock is empty and nothing is downloaded).
final class IntegrationRunTests: XCTestCase {
    private func project() throws -> TemporaryFolder {
        let folder = try TemporaryFolder("bakeoff-integration-run")
        try Repository.copyBundledProject(to: folder.path)
        let fm = FileManager.default
        try fm.removeItem(atPath: "\(folder.path)/integrations")
        try fm.createDirectory(atPath: "\(folder.path)/integrations", withIntermediateDirectories: true)
        try fm.copyItem(atPath: "\(Repository.root)/integrations/common", toPath: "\(folder.path)/integrations/common")
        for stage in ["ci-cd", "web-app"] {
            let adapters = "\(folder.path)/stages/\(stage)/adapters"
            for tool in try fm.contentsOfDirectory(atPath: adapters) { try fm.removeItem(atPath: "\(adapters)/\(tool)") }
        }
        let debian = "install: {debian: [coreutils], version: [true, --version]}\nenv: {FIXTURE_HOME: \"{adapter}/home\"}\nsteps: {}\n"
        try folder.write("stages/ci-cd/adapters/ruff/adapter.yaml", debian)
        try folder.write("stages/ci-cd/adapters/ruff/integrate.py", "def give():\n    return 21\n")
        try folder.write("stages/web-app/adapters/streamlit/adapter.yaml", debian)
        try folder.write(
            "stages/web-app/adapters/streamlit/integrate.py",
            """
            UNSUPPORTED = {"not_here": "the fixture app cannot do that"}


            def take(value):
                return value * 2


            def not_here():
                raise NotImplementedError(UNSUPPORTED["not_here"])

            """)
        try folder.write(
            "integrations/lint-the-app/integration.yaml",
            """
            title: Fixture hand-off
            between: [ci-cd, web-app]
            python: "3.11"
            description: The linter hands a number to the app.
            steps:
              - {id: hand, title: Hand over, timeout: 60}
              - {id: missing, title: A role the app lacks, timeout: 60}

            """)
        try folder.write(
            "integrations/lint-the-app/run.py",
            """
            import os
            import pair
            from bakeoff_step import check, dispatch, done

            def hand():
                value = pair.role("ci-cd").give()
                check(pair.role("web-app").take(value) == 42, "the app did not double the value")
                named = pair.tool("ci-cd") == "ruff" and pair.tool("web-app") == "streamlit"
                done(True, value=value, named=named, own_env=os.environ.get("FIXTURE_HOME", "").endswith("adapters/streamlit/home"))

            def missing():
                pair.calling(pair.role("web-app").not_here)

            dispatch(hand, missing)

            """)
        return folder
    }

    func testPairsRunLikeScenariosAndUnsupportedRolesSayWhy() throws {
        let folder = try project()
        defer { folder.remove() }
        let out = try CLI.run(
            ["run", "--project", folder.path, "--integration", "lint-the-app", "--repeat", "1"],
            environment: ["XDG_CACHE_HOME": folder.path + "/cache"])
        XCTAssertEqual(out.status, 0, out.stderr)
        let lock = try folder.read("integrations/lint-the-app/locks/ruff+streamlit.lock")
        XCTAssertTrue(lock.hasPrefix("# uv pip compile locks/ruff+streamlit.in --python-version 3.11; input sha256 "), lock)
        let run = try runFile(folder, printed: out.stdout)
        let list = try XCTUnwrap(run["observations"] as? [[String: Any]])
        XCTAssertEqual(list.map { $0["stage"] as? String }, ["lint-the-app", "lint-the-app"])
        XCTAssertEqual(list.map { $0["tool"] as? String }, ["ruff+streamlit", "ruff+streamlit"])
        XCTAssertEqual(list.map { $0["status"] as? String }, ["ok", "unsupported"], "\(list)")
        let metrics = list[0]["metrics"] as? [String: Double]
        XCTAssertEqual(metrics?["value"], 21)
        XCTAssertEqual(metrics?["named"], 1)
        XCTAssertEqual(metrics?["own_env"], 1)
        XCTAssertEqual(list[1]["reason"] as? String, "the fixture app cannot do that")

        // The stack scoring reads the pair: installs (1) and 1 of 2 hand-off steps (0.5) → 0.75.
        let score = try CLI.run(["score", "--project", folder.path, "--stack", "--format", "json", "--samples", "0"])
        XCTAssertEqual(score.status, 0, score.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [String: Any])
        let pairs = try XCTUnwrap(object["pairs"] as? [[String: Any]])
        let pair = try XCTUnwrap(pairs.first { ($0["tools"] as? [String]) == ["ruff", "streamlit"] })
        XCTAssertEqual(pair["verdict"] as? String, "partial")
        XCTAssertEqual(pair["value"] as? Double, 0.75)

        let typo = try CLI.run(["run", "--project", folder.path, "--integration", "lint-the-ap"])
        XCTAssertEqual(typo.status, 64)
        XCTAssertTrue(typo.stderr.contains("unknown integration 'lint-the-ap'; did you mean 'lint-the-app'?"), typo.stderr)
    }
}

extension IntegrationRunTests {
    /// Two tools whose requirements contradict each other are not installed: every step of the pair is recorded
    /// as failed with the conflict, and the stack scoring reads the pair as unable to share an environment.
    func testAPairThatCannotShareAnEnvironmentIsRecordedWithTheConflict() throws {
        let folder = try project()
        defer { folder.remove() }
        try folder.write(
            "stages/ci-cd/adapters/ruff/adapter.yaml",
            "install: {python: \"3.11\", requirements: requirements.in, lock: requirements.lock}\nsteps: {}\n")
        try folder.write("stages/ci-cd/adapters/ruff/requirements.in", "ruff==0.17.6\n")
        try folder.write("stages/ci-cd/adapters/ruff/requirements.lock", "ruff==0.17.6\n")
        try folder.write("integrations/lint-the-app/requirements.in", "ruff<0.17\n")
        let yaml = try folder.read("integrations/lint-the-app/integration.yaml")
        try folder.write(
            "integrations/lint-the-app/integration.yaml",
            yaml.replacingOccurrences(of: "python: \"3.11\"\n", with: "python: \"3.11\"\nrequirements: requirements.in\n"))
        let out = try CLI.run(
            ["run", "--project", folder.path, "--integration", "lint-the-app", "--repeat", "1"],
            environment: ["XDG_CACHE_HOME": folder.path + "/cache"])
        // The conflict is recorded as two failed steps, so the run exits 1 for CI to see.
        XCTAssertEqual(out.status, 1, out.stderr)
        XCTAssertTrue(out.stderr.contains("error: 2 steps failed or timed out; "), out.stderr)
        XCTAssertTrue(out.stderr.contains("ruff+streamlit: the two tools cannot share one environment: ruff:"), out.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/integrations/lint-the-app/locks/ruff+streamlit.lock"))
        let run = try runFile(folder, printed: out.stdout)
        let list = try XCTUnwrap(run["observations"] as? [[String: Any]])
        XCTAssertEqual(list.map { $0["status"] as? String }, ["failed", "failed"])
        for o in list {
            let reason = o["reason"] as? String ?? ""
            XCTAssertTrue(reason.hasPrefix(Integration.conflictPrefix + "ruff: "), reason)
            XCTAssertTrue(reason.contains("ruff") && reason.contains("0.17"), reason)
        }
        let score = try CLI.run(["score", "--project", folder.path, "--stack", "--format", "json", "--samples", "0"])
        XCTAssertEqual(score.status, 0, score.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [String: Any])
        let pair = try XCTUnwrap((object["pairs"] as? [[String: Any]])?.first { ($0["tools"] as? [String]) == ["ruff", "streamlit"] })
        XCTAssertEqual(pair["verdict"] as? String, "conflicts")
        XCTAssertEqual(pair["value"] as? Double, 0)
    }
}

/// The always-on real pair: Git LFS (Debian package) stores two named versions of a table and a Luigi pipeline
/// (installed by uv from the committed pair lock) fetches v1 through Git LFS and trains on it. Cheap: one
/// small environment, a few seconds.
final class RealIntegrationPairTests: XCTestCase {
    func testGitLFSHandsANamedVersionToALuigiPipeline() throws {
        let folder = try TemporaryFolder("bakeoff-real-pair")
        defer { folder.remove() }
        try Repository.copyBundledProject(to: folder.path)
        let out = try CLI.run(
            ["run", "--project", folder.path, "--integration", "data-to-training", "--tool", "git-lfs", "--tool", "luigi", "--repeat", "1"],
            environment: ["XDG_CACHE_HOME": folder.path + "/cache"])
        XCTAssertEqual(out.status, 0, out.stderr)
        // The committed lock is current: nothing is resolved again.
        XCTAssertFalse(out.stderr.contains("resolving"), out.stderr)
        let run = try runFile(folder, printed: out.stdout)
        let list = try XCTUnwrap(run["observations"] as? [[String: Any]])
        XCTAssertEqual(list.map { $0["step"] as? String }, ["publish", "train_at_version"])
        XCTAssertEqual(list.map { $0["status"] as? String }, ["ok", "ok"], "\(list)")
        let metrics = try XCTUnwrap(list[1]["metrics"] as? [String: Double])
        XCTAssertEqual(metrics["data_is_named_version"], 1)
        XCTAssertGreaterThanOrEqual(metrics["accuracy"] ?? 0, 0.8)
        let environments = try XCTUnwrap(run["environments"] as? [[String: Any]])
        XCTAssertEqual(environments.map { $0["tool"] as? String }, ["git-lfs+luigi"])
        XCTAssertTrue((environments.first?["toolVersion"] as? String)?.contains("+") ?? false, "\(environments)")
    }
}
