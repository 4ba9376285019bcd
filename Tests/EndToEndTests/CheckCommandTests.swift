import Foundation
import TestSupport
import XCTest

/// Runs `bakeoff check` on the bundled project and on broken copies of it, as a user would.
final class CheckCommandTests: XCTestCase {
    func testBundledProjectIsClean() throws {
        let output = try CLI.run(["check", "--project", Repository.root])
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertTrue(output.stdout.hasPrefix("ok: 10 stages"), output.stdout)       // 6 pipeline stages and 4 parts of CI/CD
        XCTAssertFalse(output.stderr.contains("error:"), output.stderr)
    }

    func testFindsTheProjectFromASubfolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Repository.copyBundledProject(to: folder.path)
        let output = try CLI.run(["check"], in: folder.url("stages/ci-cd").path)
        XCTAssertEqual(output.status, 0, output.stderr)
    }

    func testBrokenCopiesAreReportedWithFileLineAndFix() throws {
        let cases: [(file: String, old: String, new: String, expected: String)] = [
            ("bakeoff.yaml", "company: startup", "company: startpu", "error: bakeoff.yaml:3:10: company: unknown company kind 'startpu'; did you mean 'startup'?"),
            ("bakeoff.yaml", "  - {id: ben, name: Ben Okafor}", "  - {id: ben, name: Ben Okafor", "error: bakeoff.yaml:9:5: YAML syntax error"),
            ("criteria/profiles/startup.yaml", "weight: 30", "weight: -3", "error: criteria/profiles/startup.yaml:4:"),
            ("stages/orchestration/stage.yaml", "order: 3", "order: three", "error: stages/orchestration/stage.yaml:2:8: order: expected a whole number, got 'three'"),
            ("criteria/criteria.yaml", "direction: lower", "direction: down", "unknown direction 'down'"),
        ]
        for c in cases {
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            try Repository.copyBundledProject(to: folder.path)
            let text = try folder.read(c.file)
            XCTAssertTrue(text.contains(c.old), "\(c.file) no longer contains \(c.old)")
            try folder.write(c.file, text.replacingOccurrences(of: c.old, with: c.new))
            let output = try CLI.run(["check", "--project", folder.path])
            XCTAssertEqual(output.status, 1, "\(c.file): \(output.stderr)")
            XCTAssertTrue(output.stderr.contains(c.expected), "expected \(c.expected) in:\n\(output.stderr)")
            XCTAssertEqual(output.stdout, "", "nothing on stdout when the check fails")
        }
    }

    func testNoProjectIsAUsageError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = try CLI.run(["check"], in: folder.path)
        XCTAssertEqual(output.status, 64, output.stderr)
        XCTAssertTrue(output.stderr.contains("no bakeoff.yaml"), output.stderr)
    }

    func testUnknownOptionIsAUsageError() throws {
        let output = try CLI.run(["check", "--rubrik", "--project", Repository.root])
        XCTAssertEqual(output.status, 64, output.stderr)
    }
}
