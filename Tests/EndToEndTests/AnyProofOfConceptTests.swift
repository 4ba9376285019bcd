import Foundation
import TestSupport
import XCTest

/// A proof of concept that is not the course's six stages: `init --empty`, `new adapter`, a real run of the sample
/// adapter (Python's own sort, from the Debian python3 package: nothing downloaded), and every report.
final class AnyProofOfConceptTests: XCTestCase {
    private func initEmpty(_ target: String, members: [String]) throws {
        let created = try CLI.run(
            ["init", target, "--empty", "--team", "POC", "--company", "startup", "--ds-team", "research",
             "--product", "Explanations for a credit model", "--start", "2026-11-02", "--from", Repository.root]
                + members.flatMap { ["--member", $0] })
        XCTAssertEqual(created.status, 0, created.stderr)
    }

    func testInitEmptyAndNewAdapterPassCheckAndRun() throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        let target = parent.url("poc").path
        try initEmpty(target, members: ["Ana Ruiz", "Ben Okafor"])
        let added = try CLI.run(["new", "adapter", "my-stage", "other-tool", "--debian", "python3"], in: target)
        XCTAssertEqual(added.status, 0, added.stderr)
        let yaml = try String(contentsOfFile: target + "/bakeoff.yaml", encoding: .utf8)
        XCTAssertTrue(yaml.contains("  my-stage:\n    python-stdlib: [ana]\n    other-tool: [ana]\n"), yaml)
        let check = try CLI.run(["check"], in: target)
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.stdout.hasPrefix("ok: 1 stage, 2 candidates, 0 facts, 2 adapters"), check.stdout)
        // The same tool twice is refused, and nothing changes.
        let again = try CLI.run(["new", "adapter", "my-stage", "other-tool", "--debian", "python3"], in: target)
        XCTAssertEqual(again.status, 1)
        XCTAssertEqual(try String(contentsOfFile: target + "/bakeoff.yaml", encoding: .utf8), yaml)

        // The real runner: the sample measures, the new adapter's stub is recorded as failed with its reason.
        let run = try CLI.run(["run", "--repeat", "1"], in: target)
        let runs = try FileManager.default.contentsOfDirectory(atPath: target + "/evidence/runs")
        XCTAssertEqual(runs.count, 1, run.stderr)
        let file = try String(contentsOfFile: target + "/evidence/runs/" + runs[0], encoding: .utf8)
        XCTAssertTrue(file.contains("\"tool\": \"python-stdlib\""), file)
        XCTAssertTrue(file.contains("step work is not written yet: edit steps.py"), file)
        XCTAssertTrue(run.stderr.contains("my-stage/python-stdlib work (rep 1): ok"), run.stderr)

        // A new stage passes check too, before it has any candidate.
        let stage = try CLI.run(["new", "stage", "explanations"], in: target)
        XCTAssertEqual(stage.status, 0, stage.stderr)
        let checked = try CLI.run(["check"], in: target)
        XCTAssertEqual(checked.status, 0, checked.stderr)
        XCTAssertTrue(checked.stderr.contains("stages/explanations/stage.yaml"), checked.stderr)
    }

    /// One stage, two candidates, the project's own criterion and no other: every command passes, and nothing in
    /// the diagram speaks of an ML pipeline.
    func testAOneStagePOCWithItsOwnCriterionPassesEveryCheck() throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        let target = parent.url("poc").path
        try initEmpty(target, members: ["Ana Ruiz"])
        XCTAssertEqual(try CLI.run(["new", "adapter", "my-stage", "sorted-copy", "--debian", "python3"], in: target).status, 0)
        // The second candidate does the work too (as its team would write it): both are measured.
        let sample = try String(contentsOfFile: target + "/stages/my-stage/adapters/python-stdlib/steps.py", encoding: .utf8)
        try sample.write(toFile: target + "/stages/my-stage/adapters/sorted-copy/steps.py", atomically: true, encoding: .utf8)
        try """
            criteria:
              - id: speed
                title: Speed
                description: How fast the work is done here.
                indicators:
                  - id: work-wall
                    title: Time to do the work
                    description: Median wall time of the work step.
                    unit: s
                    direction: lower
                    source: {step: work, measure: wall}
                    normalize: ratio-to-best
            cost_model:
              horizon_months: 12
              basis: Not used by this project.
              company:
                startup: {seats: 1, hourly_rate_usd: 0, server_monthly_usd: 0, ops_hours_per_month: 0}
                mid-size: {seats: 1, hourly_rate_usd: 0, server_monthly_usd: 0, ops_hours_per_month: 0}
                enterprise: {seats: 1, hourly_rate_usd: 0, server_monthly_usd: 0, ops_hours_per_month: 0}

            """.write(toFile: target + "/criteria/criteria.yaml", atomically: true, encoding: .utf8)
        for profile in ["startup", "mid-size", "enterprise"] {
            try "title: \(profile)\ndescription: Speed only.\nweights:\n  speed: {weight: 1, why: \"All we compare.\"}\n"
                .write(toFile: target + "/criteria/profiles/\(profile).yaml", atomically: true, encoding: .utf8)
        }
        let check = try CLI.run(["check"], in: target)
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertEqual(check.stderr, "", "a project that chose its own criteria gets no warning")
        let run = try CLI.run(["run", "--repeat", "2"], in: target)
        XCTAssertTrue(run.stdout.contains("complete: 4 observations"), run.stdout + run.stderr)
        let score = try CLI.run(["score"], in: target)
        XCTAssertEqual(score.status, 0, score.stderr)
        XCTAssertTrue(score.stdout.contains("Profile startup: speed 100%"), score.stdout)
        let build = try CLI.run(["build"], in: target)
        XCTAssertEqual(build.status, 0, build.stderr)
        let rubric = try CLI.run(["check", "--rubric"], in: target)
        XCTAssertEqual(rubric.status, 0, rubric.stdout + rubric.stderr)
        XCTAssertTrue(rubric.stdout.contains("rubric: generic proof-of-concept checklist"), rubric.stdout)
        XCTAssertFalse(rubric.stdout.contains("MLflow"), rubric.stdout)
        let slides = try CLI.run(["slides", "--check"], in: target)
        XCTAssertEqual(slides.status, 0, slides.stdout + slides.stderr)

        let svg = try String(contentsOfFile: target + "/reports/site/architecture.svg", encoding: .utf8)
        XCTAssertTrue(svg.contains("My stage"), svg)
        for word in ["Data", "Code", "retrain", "drift", "CI/CD", "deploy", "monitoring", "not assessed", "tracking"] {
            XCTAssertFalse(svg.contains(word), "'\(word)' in the diagram")
        }
    }

    /// `new adapter` locks a Python tool's requirements with the uv the runs find (here a fake on PATH that
    /// writes the lock it is asked for); when uv fails, nothing is written.
    func testNewPythonAdapterIsLockedWithTheUVOnPath() throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        let target = parent.url("poc").path
        try initEmpty(target, members: ["Ana Ruiz"])
        try parent.write(
            "bin/uv",
            """
            #!/bin/sh
            if [ "$1" = "--version" ]; then echo "uv 9.9.9 (fake)"; exit 0; fi
            if grep -q broken requirements.in; then echo "error: no such package" >&2; exit 2; fi
            printf '# locked by the fake uv: %s\\n' "$*" > requirements.lock
            """)
        XCTAssertEqual(chmod(parent.url("bin/uv").path, 0o755), 0)
        let path = parent.url("bin").path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let added = try CLI.run(["new", "adapter", "my-stage", "some-tool"], in: target, environment: ["PATH": path])
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertEqual(
            try String(contentsOfFile: target + "/stages/my-stage/adapters/some-tool/requirements.lock", encoding: .utf8),
            "# locked by the fake uv: pip compile requirements.in -o requirements.lock --python-version 3.11 --quiet\n")
        let yaml = try String(contentsOfFile: target + "/bakeoff.yaml", encoding: .utf8)
        let broken = try CLI.run(
            ["new", "adapter", "my-stage", "broken-tool"], in: target, environment: ["PATH": path])
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stderr.contains("failed: error: no such package; nothing was written"), broken.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target + "/stages/my-stage/adapters/broken-tool"))
        XCTAssertEqual(try String(contentsOfFile: target + "/bakeoff.yaml", encoding: .utf8), yaml)
    }
}
