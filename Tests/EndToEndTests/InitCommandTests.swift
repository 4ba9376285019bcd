import Foundation
import TestSupport
import XCTest

/// `bakeoff init` into a temporary folder, then the commands a new team runs next.
final class InitCommandTests: XCTestCase {
    func testInitWithFlagsCreatesAProjectThatPassesCheck() throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        let target = parent.url("team project").path
        let output = try CLI.run(
            ["init", target, "--team", "Ducks & <Drakes>", "--company", "enterprise", "--ds-team", "research",
             "--product", "Fraud: detection \"now\"", "--member", "Zoë O'Brien", "--member", "Li Na", "--member", "li Wu",
             "--start", "2027-01-04", "--from", Repository.root])
        XCTAssertEqual(output.status, 0, output.stderr)
        let yaml = try String(contentsOfFile: target + "/bakeoff.yaml", encoding: .utf8)
        XCTAssertTrue(yaml.contains("team: \"Ducks & <Drakes>\""), yaml)
        XCTAssertTrue(yaml.contains("product: \"Fraud: detection \\\"now\\\"\""), yaml)
        XCTAssertTrue(yaml.contains("{id: zoe, name: \"Zoë O'Brien\"}"), yaml)
        XCTAssertTrue(yaml.contains("{id: li2, name: \"li Wu\"}"), yaml)
        XCTAssertTrue(yaml.contains("{id: model-monitoring, due: 2027-02-15}"), yaml)
        XCTAssertTrue(yaml.contains("profile: enterprise"), yaml)
        let check = try CLI.run(["check"], in: target)
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.stdout.hasPrefix("ok: 10 stages"), check.stdout)
        // Nothing is left behind but the project.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["team project"])
    }

    func testAFailedInitLeavesNothingBehindAndTheRetryWorks() throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        let target = parent.url("new/team").path
        let flags = ["--team", "T", "--company", "startup", "--ds-team", "core", "--product", "P", "--member", "A B", "--from", Repository.root]
        let failed = try CLI.run(["init", target, "--profile", "nosuch"] + flags)
        XCTAssertEqual(failed.status, 1, failed.stderr)
        XCTAssertTrue(failed.stderr.contains("unknown profile 'nosuch'; expected one of 'enterprise', 'mid-size', 'startup'"), failed.stderr)
        XCTAssertTrue(failed.stderr.contains("was not created; fix the options above and run init again"), failed.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), [], "the folders init made are gone")
        let retry = try CLI.run(["init", target] + flags)
        XCTAssertEqual(retry.status, 0, retry.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: target + "/bakeoff.yaml"))
    }

    func testInitRefusesAFolderThatIsNotEmpty() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("keep.txt", "mine")
        let output = try CLI.run(
            ["init", folder.path, "--team", "T", "--company", "startup", "--ds-team", "core", "--product", "P",
             "--member", "A", "--from", Repository.root])
        XCTAssertEqual(output.status, 1)
        XCTAssertTrue(output.stderr.contains("is not empty"), output.stderr)
        XCTAssertEqual(try folder.read("keep.txt"), "mine")
    }

    func testInitWithoutATerminalNamesTheMissingFlag() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = try CLI.run(["init", folder.url("new").path, "--company", "startup"])
        XCTAssertEqual(output.status, 64)
        XCTAssertTrue(output.stderr.contains("missing team name"), output.stderr)
        let bad = try CLI.run(["init", folder.url("new").path, "--team", "T", "--company", "huge"])
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.stderr.contains("expected one of startup, mid-size, enterprise"), bad.stderr)
    }

    func testInitWithChosenStagesCopiesThemTheirCriteriaAndTheirIntegration() throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        let target = parent.url("two").path
        let output = try CLI.run(
            ["init", target, "--team", "T", "--company", "startup", "--ds-team", "core", "--product", "P", "--member", "A B",
             "--stage", "web-app", "--stage", "model-monitoring", "--from", Repository.root])
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: target + "/stages").sorted(), ["model-monitoring", "web-app"])
        // The one integration between the two stages comes along (with the shared helpers), no other.
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: target + "/integrations").sorted(), ["common", "monitor-app-inputs"])
        let criteria = try String(contentsOfFile: target + "/criteria/criteria.yaml", encoding: .utf8)
        XCTAssertTrue(criteria.contains("id: drift-recall"), criteria)
        XCTAssertFalse(criteria.contains("id: tracking-log-per-run"), criteria)
        XCTAssertTrue(criteria.contains("cost_model:"), criteria)
        let yaml = try String(contentsOfFile: target + "/bakeoff.yaml", encoding: .utf8)
        XCTAssertFalse(yaml.contains("rubric:"), "chosen stages get the generic checklist")
        let check = try CLI.run(["check"], in: target)
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.stdout.hasPrefix("ok: 2 stages"), check.stdout)
        // The diagram's references skip the stages left out: no warning on a new project.
        XCTAssertFalse(check.stdout.contains("warning"), check.stdout)
        XCTAssertEqual(check.stderr, "", "a new project starts without warnings")
        let monitoring = try String(contentsOfFile: target + "/stages/model-monitoring/stage.yaml", encoding: .utf8)
        XCTAssertTrue(monitoring.contains("after: [web-app]"), monitoring)
        XCTAssertTrue(monitoring.contains("feeds: []"), "the feedback to the absent orchestration is dropped: \(monitoring)")

        // A part comes with the stage it is part of (its adapters share that stage's code), and the parent's
        // diagram entries to stages left out are emptied.
        let part = parent.url("part").path
        let partOutput = try CLI.run(
            ["init", part, "--team", "T", "--company", "startup", "--ds-team", "core", "--product", "P", "--member", "A B",
             "--stage", "formatting", "--from", Repository.root])
        XCTAssertEqual(partOutput.status, 0, partOutput.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: part + "/stages").sorted(), ["ci-cd", "formatting"])
        let partCheck = try CLI.run(["check"], in: part)
        XCTAssertEqual(partCheck.status, 0, partCheck.stderr)
        XCTAssertEqual(partCheck.stderr, "", "no warnings")

        let unknown = try CLI.run(
            ["init", parent.url("bad").path, "--team", "T", "--company", "startup", "--ds-team", "core", "--product", "P",
             "--member", "A", "--stage", "web-ap", "--from", Repository.root])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("the catalog has no stage 'web-ap'; did you mean 'web-app'?"), unknown.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: parent.url("bad").path))
    }

    func testTheFullCatalogKeepsTheCourseRubric() throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        let target = parent.url("all").path
        let output = try CLI.run(
            ["init", target, "--team", "T", "--company", "startup", "--ds-team", "core", "--product", "P", "--member", "A B",
             "--from", Repository.root])
        XCTAssertEqual(output.status, 0, output.stderr)
        let yaml = try String(contentsOfFile: target + "/bakeoff.yaml", encoding: .utf8)
        XCTAssertTrue(
            yaml.contains(
                "rubric:\n  title: \"MSDS 626 final project\"\n  stages: 6\n  candidates_per_stage: 2\n  required_tools:\n"
                    + "    experiment-tracking: [mlflow]\n  checkins: 7\n  team_size: {min: 3, max: 4}\n"
                    + "  talk: {limit: \"5:00\", minimum_per_member: \"1:00\"}\n"), yaml)
    }
}
