import Foundation
import TestSupport
import XCTest

/// The commands a team runs each week, on a copy of the bundled project with its committed evidence.
final class ReportCommandsTests: XCTestCase {
    func testBuildThenRubricCheckinAndSlidesOnTheBundledProject() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Repository.copyBundledProject(to: folder.path)
        let build = try CLI.run(["build", "--project", folder.path])
        XCTAssertEqual(build.status, 0, build.stderr)
        for path in ["site/index.html", "data/scores.json", "checkins/01-group-details.md", "checkins/07-model-monitoring.md",
                     "slides/deck.md", "slides/deck.html", "slides/qa.md", "peer-review/ana.md", "peer-review/dara.md"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.url("reports/" + path).path), path)
        }
        // Same inputs, same bytes: the committed reports are what this build renders.
        XCTAssertEqual(
            try folder.read("reports/slides/deck.md"),
            try String(contentsOfFile: Repository.root + "/reports/slides/deck.md", encoding: .utf8))

        let rubric = try CLI.run(["check", "--rubric", "--project", folder.path])
        XCTAssertEqual(rubric.status, 0, rubric.stdout + rubric.stderr)
        XCTAssertFalse(rubric.stdout.contains("FAIL"), rubric.stdout)

        let post = try CLI.run(["checkin", "group-details", "--project", folder.path])
        XCTAssertEqual(post.status, 0, post.stderr)
        XCTAssertEqual(post.stdout, try folder.read("reports/checkins/01-group-details.md"))
        let unknown = try CLI.run(["checkin", "9", "--project", folder.path])
        XCTAssertEqual(unknown.status, 64)

        let slides = try CLI.run(["slides", "--check", "--project", folder.path])
        XCTAssertEqual(slides.status, 0, slides.stdout)
        XCTAssertTrue(slides.stdout.contains("total: "), slides.stdout)
        XCTAssertTrue(slides.stdout.contains("deck lint: 0 problems"), slides.stdout)
        // CI installs Chromium: there every bundled slide is measured at 1280×720.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") {
            XCTAssertTrue(slides.stdout.contains("overflow: every slide measured at 1280×720"), slides.stdout)
        }

        // One recommendation: the stack the deck asks for is the one the last check-in and the overview name.
        let deck = try folder.read("reports/slides/deck.md")
        guard let ask = deck.components(separatedBy: "- Approve the stack: ").dropFirst().first?.components(separatedBy: "\n").first
        else { return XCTFail("no ask in the deck") }
        let picks = ask.components(separatedBy: ", ")
        let last = try folder.read("reports/checkins/07-model-monitoring.md")
        let overview = try folder.read("reports/site/index.html")
        for pick in picks {
            XCTAssertTrue(last.contains("**\(pick)**"), pick)
            XCTAssertTrue(overview.contains(pick.replacingOccurrences(of: "\\&", with: "&amp;")), pick)
        }

        let text = try CLI.run(["checkin", "2", "--format", "text", "--project", folder.path])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("Weights & Biases (https://wandb.ai)"), text.stdout)
        XCTAssertFalse(text.stdout.contains("\\&") || text.stdout.contains("<https://"), text.stdout)
        XCTAssertFalse(text.stdout.contains("`runs` runs"), text.stdout)

        // The commands print what the build writes: with the project's own templates where it has them.
        try folder.write("templates/checkin.mustache", "Check-in {{number}} of {{group}}, due {{due}}.\n")
        try folder.write("templates/timing.mustache", "{{#speakers}}{{name}} {{time}}\n{{/speakers}}")
        let custom = try CLI.run(["checkin", "1", "--project", folder.path])
        XCTAssertEqual(custom.stdout, "Check-in 1 of Pipeline Pilots, due 2026-09-14.\n", custom.stderr)
        let timing = try CLI.run(["slides", "--project", folder.path])
        XCTAssertTrue(timing.stdout.hasPrefix("Ana Ruiz "), timing.stdout)
        try folder.write("templates/qa.mustache", "{{#questions}")
        let broken = try CLI.run(["checkin", "1", "--project", folder.path])
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stderr.hasPrefix("error: templates/qa.mustache:1:1: "), broken.stderr)
    }

    /// The YAML library prints a line to stdout when YAMS_DEFAULT_ENCODING is set, unless the encoding is given:
    /// `score --format json` must stay JSON whatever the environment holds.
    func testScoreJSONStaysJSONWhenTheYAMLLibrarysEnvironmentVariableIsSet() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Repository.copyBundledProject(to: folder.path)
        let score = try CLI.run(
            ["score", "--samples", "0", "--format", "json", "--project", folder.path], environment: ["YAMS_DEFAULT_ENCODING": "utf16"])
        XCTAssertEqual(score.status, 0, score.stderr)
        XCTAssertTrue(score.stdout.hasPrefix("{"), String(score.stdout.prefix(200)))
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)))
    }

    func testRubricFailsOnAFreshProjectAndSlidesCheckFailsOverTheLimit() throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        let target = parent.url("p").path
        let created = try CLI.run(
            ["init", target, "--team", "T", "--company", "startup", "--ds-team", "core", "--product", "P",
             "--member", "A B", "--member", "C D", "--from", Repository.root])
        XCTAssertEqual(created.status, 0, created.stderr)
        let yamlBefore = try String(contentsOfFile: target + "/bakeoff.yaml", encoding: .utf8)
        XCTAssertTrue(yamlBefore.contains("data_science_team: core"), yamlBefore)
        let rubric = try CLI.run(["check", "--rubric"], in: target)
        XCTAssertEqual(rubric.status, 1)
        XCTAssertTrue(rubric.stdout.contains("FAIL  each stage has measurements"), rubric.stdout)
        XCTAssertTrue(rubric.stdout.contains("FAIL  all seven check-ins generated"), rubric.stdout)
        let build = try CLI.run(["build"], in: target)
        XCTAssertEqual(build.status, 0, build.stderr)
        // No run yet: the deck and the posts claim no measurement.
        let deck = try String(contentsOfFile: target + "/reports/slides/deck.md", encoding: .utf8)
        XCTAssertTrue(deck.contains("No scenario has run yet, so every score rests on sourced facts."), deck)
        for claim in ["Each ran the same", "ran the scenario", "recorded run", "steps per tool, measured"] {
            XCTAssertFalse(deck.contains(claim), claim)
        }
        // Two members: outside the course's 3–4, a warning that does not fail the check by itself.
        let plan = try CLI.run(["slides"], in: target)
        XCTAssertTrue(plan.stdout.contains("warning: the team has 2 members; the course asks for 3–4"), plan.stdout)

        let yaml = try String(contentsOfFile: target + "/bakeoff.yaml", encoding: .utf8)
        try yaml.replacingOccurrences(of: "limit: \"5:00\"", with: "limit: \"1:00\"")
            .write(toFile: target + "/bakeoff.yaml", atomically: true, encoding: .utf8)
        let slides = try CLI.run(["slides", "--check"], in: target)
        XCTAssertEqual(slides.status, 1, slides.stdout)
        XCTAssertTrue(slides.stdout.contains("over its limit of 1:00"), slides.stdout)
    }
}
