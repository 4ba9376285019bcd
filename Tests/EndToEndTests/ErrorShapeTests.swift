import Foundation
import TestSupport
import XCTest

/// Every command fails the same way: `error: [FILE:LINE:COL: ]what; what to do` on stderr, the project's files
/// named relative to it, exit 1 for a problem found and 64 for bad usage.
final class ErrorShapeTests: XCTestCase {
    func testACorruptRunFileIsTheSameErrorForEveryCommandThatReadsEvidence() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Repository.copyBundledProject(to: folder.path)
        try folder.write("evidence/runs/zz-broken.json", "{\"id\": broken")
        let expected = "error: evidence/runs/zz-broken.json: not valid JSON"
        let commands: [[String]] = [
            ["score"], ["build", "--out", folder.url("out").path], ["checkin", "1"], ["slides"], ["evidence", "list"],
            ["check", "--rubric"],
        ]
        for command in commands {
            let result = try CLI.run(command + ["--project", folder.path])
            XCTAssertEqual(result.status, 1, "\(command): \(result.stderr)")
            let last = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
            XCTAssertTrue(last.hasPrefix(expected), "\(command): \(last)")
            XCTAssertTrue(last.contains("; "), "\(command) says what to do: \(last)")
            XCTAssertFalse(result.stderr.contains(folder.path), "\(command) names files relative to the project: \(result.stderr)")
        }
        let stack = try CLI.run(["stack", "check", "--project", folder.path])
        XCTAssertEqual(stack.status, 1, stack.stderr)
        XCTAssertTrue(stack.stderr.hasPrefix("error: "), stack.stderr)
        XCTAssertTrue(stack.stderr.contains("evidence/runs/zz-broken.json: not valid JSON"), stack.stderr)
    }

    /// `score` and `build` open the evidence while the project loads: a folder without bakeoff.yaml gets nothing
    /// written into it, and an invalid project still fails with its problems, its evidence opened whole.
    func testOpeningTheEvidenceBesideTheProjectWritesNothingWhereThereIsNoProject() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("notes.txt", "mine")
        for command in [["score"], ["build", "--out", folder.url("out").path]] {
            let result = try CLI.run(command + ["--project", folder.path])
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertTrue(result.stderr.contains("no bakeoff.yaml"), result.stderr)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["notes.txt"], "\(command)")
        }
        try FileManager.default.createDirectory(at: folder.url("project"), withIntermediateDirectories: true)
        try Repository.copyBundledProject(to: folder.url("project").path)
        try folder.write("project/stages/web-app/stage.yaml", "title: [unclosed")
        let broken = try CLI.run(["score", "--project", folder.url("project").path])
        XCTAssertEqual(broken.status, 1, broken.stderr)
        XCTAssertTrue(broken.stderr.contains("error: stages/web-app/stage.yaml:"), broken.stderr)
        let fixed = try CLI.run(["evidence", "list", "--project", folder.url("project").path])
        XCTAssertEqual(fixed.status, 0, fixed.stderr)
    }

    func testACatalogProblemIsLocatedAndBadUsageExits64() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Repository.copyBundledProject(to: folder.path)
        var yaml = try folder.read("criteria/profiles/startup.yaml")
        yaml = yaml.replacingOccurrences(of: "cost: {weight: 30", with: "cost: {weight: lots")
        try folder.write("criteria/profiles/startup.yaml", yaml)
        for command in [["check"], ["score"], ["run", "--stage", "ci-cd"]] {
            let result = try CLI.run(command + ["--project", folder.path])
            XCTAssertEqual(result.status, 1, "\(command): \(result.stderr)")
            XCTAssertTrue(
                result.stderr.hasPrefix("error: criteria/profiles/startup.yaml:"), "\(command): \(result.stderr)")
        }
        let usage = try CLI.run(["score", "--weight", "nonsense=1", "--project", Repository.root])
        XCTAssertEqual(usage.status, 64, usage.stderr)
        let run = try CLI.run(["run", "--stage", "no-such-stage", "--project", Repository.root])
        XCTAssertEqual(run.status, 64, run.stderr)
    }

    func testWarningsPrintOnce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Repository.copyBundledProject(to: folder.path)
        // A scenario step an adapter does not implement is a warning (see CatalogLoaderTests).
        var adapter = try folder.read("stages/ci-cd/adapters/ruff/adapter.yaml")
        adapter = adapter.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("  autofix:") }
            .joined(separator: "\n")
        try folder.write("stages/ci-cd/adapters/ruff/adapter.yaml", adapter)
        let check = try CLI.run(["check", "--rubric", "--project", folder.path])
        let warnings = check.stderr.split(separator: "\n").filter { $0.hasPrefix("warning:") && $0.contains("autofix") }
        XCTAssertEqual(warnings.count, 1, check.stderr)
    }
}
