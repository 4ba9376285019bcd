import Foundation
import TestSupport
import XCTest

/// `bakeoff score` end to end on a copy of the bundled project.
final class ScoreCommandTests: XCTestCase {
    var folder: TemporaryFolder!

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: CLI.productsFolder.appendingPathComponent("bakeoff").path) else {
            throw XCTSkip("the bakeoff executable is not built next to the tests")
        }
        folder = try TemporaryFolder("bakeoff-score")
        try Repository.copyBundledProject(to: folder.path)
    }

    override func tearDown() { folder?.remove() }

    func score(_ arguments: [String]) throws -> CLI.Output {
        try CLI.run(["score", "--project", folder.path, "--samples", "2000"] + arguments)
    }

    func testFormatsAreByteIdenticalAcrossRuns() throws {
        for format in ["text", "json", "csv"] {
            let a = try score(["--format", format]), b = try score(["--format", format])
            XCTAssertEqual(a.status, 0, a.stderr)
            XCTAssertFalse(a.stdout.isEmpty)
            XCTAssertEqual(a.stdout, b.stdout, format)
        }
        let json = try score(["--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        XCTAssertNotNil(object["profile"] as? String)
        XCTAssertNotNil(object["weights"] as? [String: Double])
        XCTAssertFalse((object["stages"] as! [[String: Any]]).isEmpty)
    }

    func testWeightChangesTheWeights() throws {
        let json = try score(["--format", "json", "--weight", "cost=0", "--weight", "performance=100"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let weights = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any])["weights"] as! [String: Double]
        XCTAssertEqual(weights["cost"], 0)
        XCTAssertGreaterThan(weights["performance"]!, 0.5)
    }

    func testBadUsageExits64WithDidYouMean() throws {
        let typo = try score(["--weight", "cots=3"])
        XCTAssertEqual(typo.status, 64)
        XCTAssertTrue(typo.stderr.contains("did you mean 'cost'?"), typo.stderr)
        let syntax = try score(["--weight", "cost"])
        XCTAssertEqual(syntax.status, 64)
        XCTAssertTrue(syntax.stderr.contains("CRITERION=NUMBER"), syntax.stderr)
        let negative = try score(["--weight", "cost=-2"])
        XCTAssertEqual(negative.status, 64)
        let profile = try score(["--profile", "startpu"])
        XCTAssertEqual(profile.status, 64)
        XCTAssertTrue(profile.stderr.contains("did you mean 'startup'?"), profile.stderr)
        let allZero = try score(["--weight", "cost=0", "--weight", "lock-in=0", "--weight", "support=0", "--weight", "interoperability=0", "--weight", "performance=0"])
        XCTAssertEqual(allZero.status, 64)
        XCTAssertTrue(allZero.stderr.contains("positive weight"), allZero.stderr)
    }

    func testDiffNamesTheOtherProfile() throws {
        let diff = try score(["--diff", "enterprise"])
        XCTAssertEqual(diff.status, 0, diff.stderr)
        XCTAssertTrue(diff.stdout.contains("Profile startup compared with enterprise."), diff.stdout)
        XCTAssertTrue(diff.stdout.contains("Weights, largest change first: "), diff.stdout)
    }
}
