import BakeoffModel
import BakeoffScoring
import Foundation
import ScoringFixture
import XCTest

@testable import BakeoffReports

/// What `bakeoff score` prints: the scoreboard as JSON (the DESIGN.md contract), CSV and text, and the comparison
/// of two profiles.
final class FormatterTests: XCTestCase {
    func board(profile: String? = nil) throws -> Scoreboard {
        var f = Fixture.threeTools()
        // gone sits inside the ranges (A 5; B: y 5, its unknown lic at the worst known 6 → 5.5; total 5.375), so
        // base's totals and order stay as in ScorerTests.
        f.tool("gone", ["x": .number(20), "y": .number(50), "hosting": .text("saas")])
        f.profile("other", ["a": 9, "b": 1], gates: [Gate(fact: "hosting", allowed: ["saas"], reason: "hosted only")])
        return try Scorer.score(project: f.project, history: .empty, options: ScoringOptions(profile: profile, samples: 5000))
    }

    func testJSONFollowsTheDesignContract() throws {
        let text = ScoreboardFormatter.json(try board())
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        XCTAssertEqual(object["profile"] as? String, "base")
        XCTAssertEqual((object["weights"] as? [String: Double])?["b"], 0.75)
        let stage = (object["stages"] as! [[String: Any]])[0]
        XCTAssertEqual(stage["id"] as? String, "stage")
        XCTAssertEqual(stage["winner"] as? String, "q")
        let ranking = stage["ranking"] as! [[String: Any]]
        XCTAssertEqual(ranking.map { $0["tool"] as! String }, ["q", "p", "gone", "r"])
        XCTAssertEqual(ranking[0]["score"] as? Double, 7.25)
        XCTAssertEqual((ranking[0]["criteria"] as? [String: Double])?["a"], 5)
        // An unknown criterion is null, never 0.
        XCTAssertTrue((ranking[3]["criteria"] as! [String: Any])["b"] is NSNumber)
        let unranked = stage["unranked"] as! [[String: Any]]
        XCTAssertEqual(unranked.map { $0["tool"] as! String }, [])
        let sensitivity = stage["sensitivity"] as! [String: Any]
        XCTAssertEqual(sensitivity["samples"] as? Int, 5000)
        XCTAssertNotNil(sensitivity["win_probability"] as? [String: Double])
        // Sorted keys, byte-identical on a second run.
        XCTAssertEqual(text, ScoreboardFormatter.json(try board()))
        XCTAssertLessThan(text.range(of: "\"profile\"")!.lowerBound, text.range(of: "\"stages\"")!.lowerBound)
    }

    func testUnknownsAreMarkedInJSON() throws {
        var f = Fixture.threeTools()
        f.tool("s", ["x": .number(30)])
        let text = ScoreboardFormatter.json(try Scorer.score(project: f.project, history: .empty, options: ScoringOptions(samples: 0)))
        let stage = ((try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any])["stages"] as! [[String: Any]])[0]
        let s = (stage["ranking"] as! [[String: Any]]).first { $0["tool"] as? String == "s" }!
        // B is counted (at the worst known scores), and its confidence says nothing of it is known.
        XCTAssertEqual((s["criteria"] as! [String: Any])["b"] as? Double, 3)
        XCTAssertEqual(((s["confidence"] as! [String: Any])["b"] as! [String: Any])["known"] as? Int, 0)
        let y = (s["indicators"] as! [[String: Any]]).first { $0["id"] as? String == "y" }!
        XCTAssertTrue(y["score"] is NSNull)
        XCTAssertEqual(y["counted_as"] as? Double, 0)
        // With y and lic at their best known scores s would total 10; y alone already flips it (8.5 > 7.25).
        XCTAssertEqual(
            stage["notes"] as? [String],
            ["Provisional: S would overtake with its unknowns at the best known score (10.00 against 7.25); to settle it, source S's y."])
    }

    func testCSVHasOneRowPerStageAndTool() throws {
        let csv = ScoreboardFormatter.csv(try board(profile: "other"))
        let lines = csv.split(separator: "\n")
        XCTAssertEqual(lines.count, 1 + 4)
        XCTAssertEqual(
            lines[0], "stage,tool,name,rank,total,a,b,status,reason,win_probability,steps_done,steps_total,provisional,evidence_warnings")
        // Under "other" only the hosted tool passes the gate; the others are eliminated with the reason quoted.
        XCTAssertTrue(lines[1].hasPrefix("stage,gone,GONE,1,"), String(lines[1]))
        XCTAssertTrue(csv.contains(",eliminated,no hosting fact to show saas: hosted only,"), csv)
        XCTAssertEqual(CSVField.escape("a,\"b\""), "\"a,\"\"b\"\"\"")
    }

    func testCSVNeutralisesFormulaNamesButKeepsNegativeNumbersNumeric() throws {
        var f = Fixture.threeTools()
        f.tool("=hyperlink", ["x": .number(20), "y": .number(50)])
        f.tools[f.tools.count - 1].name = "=HYPERLINK(\"http://evil\",\"x\")"
        f.tool("@sum", ["x": .number(21), "y": .number(51)])
        let csv = ScoreboardFormatter.csv(try Scorer.score(project: f.project, history: .empty, options: ScoringOptions(samples: 0)))
        // A spreadsheet reads a cell starting with = or @ as a formula: each gets a leading quote.
        XCTAssertTrue(csv.contains("\nstage,'=hyperlink,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","), csv)
        XCTAssertTrue(csv.contains("\nstage,'@sum,'@SUM,"), csv)
        XCTAssertFalse(csv.contains(",=") || csv.contains(",@") || csv.contains("\n="), csv)
        XCTAssertEqual(CSVField.escape("-0.2500"), "-0.2500")
    }

    func testTextNamesWinnerMarginFlipsAndProbabilities() throws {
        let text = ScoreboardFormatter.text(try board())
        XCTAssertTrue(text.contains("Profile base: a 25%, b 75%"), text)
        XCTAssertTrue(text.contains("Winner: q, 1.63 ahead of p."), text)
        XCTAssertTrue(text.contains("Flip points: "), text)
        XCTAssertTrue(text.contains("Win probability (5000 weight samples, seed 20261129, Dirichlet k=50): q "), text)
        // r's B is known on one of two indicators: medium confidence, marked ~.
        XCTAssertTrue(text.contains("3.0~"), text)
        XCTAssertEqual(text, ScoreboardFormatter.text(try board()))
    }

    func testProfileDiffSaysWhyTheWinnerChanged() throws {
        let (base, speedy) = try Fixture.threeToolsUnderTwoProfiles()
        let diff = ProfileComparison(base, speedy)
        XCTAssertEqual(ProfileComparisonFormatter.why(diff.stages[0].why!, stage: "stage"), "a rises from 25% to 75%, and r leads q on it by 5.0 points")
        let text = ProfileComparisonFormatter.text(diff)
        XCTAssertTrue(text.contains("stage: winner q → r because a rises"), text)
        XCTAssertTrue(ProfileComparisonFormatter.json(diff).contains(#""why": "a rises from 25% to 75%, and r leads q on it by 5.0 points""#))
        XCTAssertTrue(ProfileComparisonFormatter.text(ProfileComparison(base, base)).contains("winner q unchanged; ranks unchanged"))
    }

    func testAStacksCostSaysTheUnknownOnesAndTheOperationsWork() throws {
        let board = try Scorer.score(project: Fixture.threeDeployments().project, history: .empty, options: ScoringOptions(samples: 0))
        let cost = StackCost.of([("stage", "server"), ("stage", "lib"), ("stage", "cloud")], scoreboard: board)
        XCTAssertEqual(
            StackFormatter.cost(cost), "$12,960 over 36 months plus the unknown cost of CLOUD; 4 h/month of operations = 2.5 % of an engineer")
    }
}
