import BakeoffModel
import Foundation
import TestSupport
import XCTest

@testable import BakeoffRunner

#if canImport(Glibc)
import Glibc
#endif

final class RunnerTests: XCTestCase {
    /// A stage whose adapters need no install: Debian's coreutils, present on every Debian machine.
    private func plan(_ f: Fixture, steps: [ScenarioStep], adapters: [String: [String: AdapterStep]], packages: [String] = ["coreutils"]) -> RunPlan {
        let scenario = Scenario(
            description: "test", parameters: [ScenarioParameter(name: "size", value: "3", description: "")], steps: steps)
        let list = adapters.keys.sorted().map { tool in
            Adapter(
                tool: tool, directory: f.adapter, install: .debian(packages: packages, versionCommand: ["true", "--version"]),
                environment: [:], steps: adapters[tool]!)
        }
        let stage = Stage(
            id: "stage", order: 1, title: "Stage", question: "", candidates: [], scenario: scenario, adapters: list)
        return RunPlan(projectRoot: f.folder.path, entries: [.init(stage: stage, scenario: scenario, adapters: list)])
    }

    private func options(_ f: Fixture, repetitions: Int) -> RunOptions {
        RunOptions(
            repetitions: repetitions, grace: 1, bakeoffVersion: "test",
            environments: EnvironmentBuilder(cacheFolder: f.folder.path + "/cache", fresh: false, installEnvironment: ProcessInfo.processInfo.environment),
            workFolder: f.folder.path + "/runs", sandbox: .none("test"), calibrationSeconds: 0.001)
    }

    private func step(_ id: String, timeout: Double = 30) -> ScenarioStep {
        ScenarioStep(id: id, title: id, description: "", timeoutSeconds: timeout)
    }

    func testToolsAreInterleavedRoundRobinAndEveryObservationIsRecordedAsItIsMeasured() throws {
        let f = try Fixture()
        let ok = AdapterStep.command(["sh", "-c", "echo '{\"ok\": true, \"size\": '$BAKEOFF_PARAM_SIZE'}'"])
        let plan = plan(
            f, steps: [step("setup"), step("work"), step("extra"), step("last")],
            adapters: [
                "alpha": ["setup": ok, "work": .command(["sh", "-c", "exit 2"]), "extra": ok, "last": ok],
                "beta": ["setup": ok, "work": ok, "extra": .unsupported(reason: "cannot here")],
            ])
        let collector = Collector()
        let run = try Runner(options: options(f, repetitions: 2), recorder: collector.recorder).run(plan)
        XCTAssertEqual(run.status, .complete)
        XCTAssertEqual(collector.events, ["began \(run.id)", "finished complete"])
        XCTAssertEqual(collector.observations, run.observations)
        XCTAssertEqual(
            run.observations.map { "\($0.repetition) \($0.tool) \($0.step) \($0.status.rawValue)" },
            [
                "1 alpha setup ok", "1 alpha work failed", "1 alpha extra skipped", "1 alpha last skipped",
                "1 beta setup ok", "1 beta work ok", "1 beta extra unsupported", "1 beta last skipped",
                "2 alpha setup ok", "2 alpha work failed", "2 alpha extra skipped", "2 alpha last skipped",
                "2 beta setup ok", "2 beta work ok", "2 beta extra unsupported", "2 beta last skipped",
            ])
        XCTAssertEqual(run.observations[2].reason, "an earlier step failed: work")
        XCTAssertEqual(run.observations[7].reason, "the adapter has no command for this step")
        XCTAssertEqual(run.observations[0].metrics, ["size": 3])
        XCTAssertEqual(collector.environments.map(\.tool), ["alpha", "beta"])
        XCTAssertEqual(collector.environments[0].kind, "debian")
        XCTAssertTrue(collector.environments[0].packages[0].hasPrefix("coreutils=="))
        XCTAssertTrue(collector.environments[0].toolVersion.contains("coreutils"))
        XCTAssertNotNil(run.id.range(of: #"^\d{8}T\d{6}Z-[0-9a-f]{4}$"#, options: .regularExpression), run.id)
        XCTAssertEqual(run.provenance.network, "test")
        XCTAssertGreaterThan(run.provenance.cores, 0)
        // Only the work dirs of repetitions with a failure are kept.
        let kept = try FileManager.default.contentsOfDirectory(atPath: "\(f.folder.path)/runs/\(run.id)/stage")
        XCTAssertEqual(kept, ["alpha"])
        // bakeoff_step.py stays beside kept work dirs, to rerun a step by hand.
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(f.folder.path)/runs/\(run.id)/python/bakeoff_step.py"))
    }

    func testAMissingDebianPackageFailsTheToolsStepsWithHowToInstallIt() throws {
        let f = try Fixture()
        let plan = plan(
            f, steps: [step("setup")], adapters: ["gamma": ["setup": .command(["true"])]],
            packages: ["coreutils", "bakeoff-no-such-package"])
        let collector = Collector()
        let run = try Runner(options: options(f, repetitions: 1), recorder: collector.recorder).run(plan)
        XCTAssertEqual(run.observations.map(\.status), [.failed])
        XCTAssertEqual(
            run.observations[0].reason,
            "gamma needs the Debian package bakeoff-no-such-package; install it with: apt-get install bakeoff-no-such-package")
        XCTAssertTrue(collector.environments.isEmpty)
    }

    func testInterruptingStopsTheRunningStepKeepsWhatWasMeasuredAndMarksTheRunInterrupted() throws {
        let f = try Fixture()
        let plan = plan(
            f, steps: [step("quick"), step("slow")],
            adapters: ["delta": ["quick": .command(["true"]), "slow": .command(["sh", "-c", "echo $$ > \(f.folder.path)/slow.pid; sleep 60"])]])
        let collector = Collector()
        let runner = Runner(options: options(f, repetitions: 3), recorder: collector.recorder)
        // Interrupt once the slow step is running (its pid file exists), not after a fixed delay: on a loaded
        // machine the quick step may not have finished within any fixed time.
        let pidFile = f.folder.path + "/slow.pid"
        DispatchQueue.global().async {
            let deadline = Date().addingTimeInterval(60)
            while !FileManager.default.fileExists(atPath: pidFile) && Date() < deadline { usleep(20_000) }
            usleep(100_000)
            runner.interrupt()
        }
        let start = Date()
        let run = try runner.run(plan)
        XCTAssertLessThan(Date().timeIntervalSince(start), 70)
        XCTAssertEqual(run.status, .interrupted)
        XCTAssertEqual(collector.events.last, "finished interrupted")
        XCTAssertEqual(run.observations.map { "\($0.step) \($0.status.rawValue)" }, ["quick ok"])
        XCTAssertEqual(collector.observations.count, 1)
        let pid = try XCTUnwrap(pid_t(f.read("slow.pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertFalse(isAlive(pid))
    }
}

final class SummaryTests: XCTestCase {
    func testSHA256MatchesKnownDigests() {
        XCTAssertEqual(SHA256.hex(Array("".utf8)), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}

final class RunPlanTests: XCTestCase {
    func testAMisspelledNameGetsADidYouMean() {
        XCTAssertEqual(RunPlan.suggestion("rufff", among: ["black", "ruff", "pylint"], what: "tool"), "; did you mean 'ruff'?")
        XCTAssertEqual(RunPlan.suggestion("zzzzzz", among: ["dvc", "git-lfs"], what: "tool"), "; known tools: dvc, git-lfs")
        XCTAssertEqual(Spelling.distance("kitten", "sitting"), 3)
        XCTAssertEqual(Spelling.distance("", "abc"), 3)
    }

    func testADryRunListsEnvironmentsStepsAndCommandsWithoutRunningAnything() throws {
        let f = try Fixture()
        let scenario = Scenario(
            description: "d", parameters: [ScenarioParameter(name: "runs", value: "20", description: "")],
            steps: [
                ScenarioStep(id: "setup", title: "", description: "", timeoutSeconds: 60),
                ScenarioStep(id: "serve", title: "", description: "", timeoutSeconds: 90),
                ScenarioStep(id: "registry", title: "", description: "", timeoutSeconds: 60),
            ])
        let adapter = Adapter(
            tool: "tool", directory: "stages/s/adapters/tool", install: .debian(packages: ["git"], versionCommand: ["git", "--version"]),
            environment: ["TOOL_HOME": "{home}/t"],
            steps: [
                "setup": .command(["python3", "{adapter}/steps.py", "setup", "it's"]),
                "serve": .server(command: ["python3", "-m", "http.server", "{port}"], health: "/", client: ["python3", "c.py"], readySeconds: 30),
            ])
        let stage = Stage(id: "s", order: 1, title: "S", question: "", candidates: [], scenario: scenario, adapters: [adapter])
        let plan = RunPlan(projectRoot: f.folder.path, entries: [.init(stage: stage, scenario: scenario, adapters: [adapter])])
        let lines = plan.describe(
            environments: EnvironmentBuilder(cacheFolder: f.folder.path, fresh: false, installEnvironment: [:]),
            repetitions: 3, timeoutOverride: nil, network: "loopback-only")
        XCTAssertEqual(lines, [
            "stage s: 3 steps × 1 tool × 3 repetitions",
            "  parameter runs = 20",
            "  tool: Debian packages git, version from `git --version`",
            "    env TOOL_HOME={home}/t",
            "    setup [timeout 60 s]: python3 {adapter}/steps.py setup 'it'\\''s'",
            "    serve [timeout 90 s]: server python3 -m http.server {port}, ready when GET / is 200 within 30 s",
            "      client python3 c.py",
            "    registry: skipped (no command in the adapter)",
            "6 step runs; network: loopback-only; nothing was run (--dry-run)",
        ])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: f.work).sorted(), ["home", "tmp"])
    }
}
