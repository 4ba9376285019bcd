import Foundation
import TestSupport
import XCTest

/// `bakeoff stack check` on a copy of the bundled project whose adapters are swapped for tiny `six` pins.
final class StackCheckCommandTests: XCTestCase {
    private var folder: TemporaryFolder!

    override func setUpWithError() throws {
        folder = try TemporaryFolder("bakeoff-stack-cli")
        try Repository.copyBundledProject(to: folder.path)
        // Start without the bundled project's recorded stack checks: these tests watch what a check writes.
        try? FileManager.default.removeItem(at: folder.url("evidence/stack"))
    }

    override func tearDown() {
        folder.remove()
    }

    private func pin(_ stage: String, _ tool: String, _ requirements: String) throws {
        let path = "stages/\(stage)/adapters/\(tool)/requirements.in"
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.url(path).path), "\(path) is gone")
        try folder.write(path, requirements)
    }

    func testConflictingStackExitsOneAndRecordsTheEvidence() throws {
        try pin("experiment-tracking", "mlflow", "six==1.16.0\n")
        try pin("data-versioning", "dvc", "six==1.17.0\n")
        let look = try CLI.run(["stack", "check", "--project", folder.path, "dvc", "mlflow"])
        XCTAssertEqual(look.status, 1, look.stderr)
        XCTAssertTrue(look.stdout.hasSuffix("not recorded; add --record to write evidence/stack/dvc+mlflow.json\n"), look.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.url("evidence/stack/dvc+mlflow.json").path), "written without --record")
        let output = try CLI.run(["stack", "check", "--record", "--project", folder.path, "dvc", "mlflow"])
        XCTAssertEqual(output.status, 1, output.stderr)
        XCTAssertTrue(output.stdout.contains("  six: dvc wants ==1.17.0; mlflow wants ==1.16.0\n"), output.stdout)
        XCTAssertTrue(
            output.stdout.contains("stack: mlflow (experiment-tracking), dvc (data-versioning)\n"), output.stdout)
        let evidence = try folder.read("evidence/stack/dvc+mlflow.json")
        XCTAssertTrue(evidence.contains(#""resolves" : false"#), evidence)
    }

    func testResolvingStackAsJSON() throws {
        try pin("experiment-tracking", "mlflow", "six>=1.16\n")
        try pin("data-versioning", "dvc", "six==1.17.0\n")
        let output = try CLI.run(["stack", "check", "--record", "--project", folder.path, "--format", "json", "mlflow", "dvc"])
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertEqual(output.stdout, try folder.read("evidence/stack/dvc+mlflow.json"))
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(object?["packages"] as? [String], ["six==1.17.0"])
        XCTAssertEqual(object?["distributions"] as? Int, 1)
    }

    func testUnknownToolAndTwoToolsOfOneStageAreUsageErrors() throws {
        let unknown = try CLI.run(["stack", "check", "--project", folder.path, "mlfow"])
        XCTAssertEqual(unknown.status, 64)
        XCTAssertTrue(unknown.stderr.contains("unknown tool 'mlfow'; did you mean 'mlflow'?"), unknown.stderr)
        let two = try CLI.run(["stack", "check", "--project", folder.path, "mlflow", "wandb"])
        XCTAssertEqual(two.status, 64)
        XCTAssertTrue(
            two.stderr.contains("'mlflow' and 'wandb' are both candidates of stage 'experiment-tracking'"), two.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.url("evidence/stack").path))
    }
}
