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
                     "slides/deck.md", "slides/deck.html"] {
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
    }

    func testRubricFailsOnAFreshProjectAndSlidesCheckFailsOverTheLimit() throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        let target = parent.url("p").path
        let created = try CLI.run(
            ["init", target, "--team", "T", "--company", "startup", "--ds-team", "core", "--product", "P",
             "--member", "A B", "--member", "C D", "--from", Repository.root])
        XCTAssertEqual(created.status, 0, created.stderr)
        let rubric = try CLI.run(["check", "--rubric"], in: target)
        XCTAssertEqual(rubric.status, 1)
        XCTAssertTrue(rubric.stdout.contains("FAIL  each stage has measurements"), rubric.stdout)
        XCTAssertTrue(rubric.stdout.contains("FAIL  all seven check-ins generated"), rubric.stdout)
        let build = try CLI.run(["build"], in: target)
        XCTAssertEqual(build.status, 0, build.stderr)

        let yaml = try String(contentsOfFile: target + "/bakeoff.yaml", encoding: .utf8)
        try yaml.replacingOccurrences(of: "limit: \"5:00\"", with: "limit: \"1:00\"")
            .write(toFile: target + "/bakeoff.yaml", atomically: true, encoding: .utf8)
        let slides = try CLI.run(["slides", "--check"], in: target)
        XCTAssertEqual(slides.status, 1, slides.stdout)
        XCTAssertTrue(slides.stdout.contains("over its limit of 1:00"), slides.stdout)
    }
}
