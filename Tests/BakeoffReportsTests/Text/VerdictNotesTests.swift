import BakeoffScoring
import ScoringFixture
import XCTest

@testable import BakeoffReports

/// The sentences that qualify a verdict, from the scorecards of the verdict rules' fixtures.
final class VerdictNotesTests: XCTestCase {
    func testAProvisionalVerdictNamesWhoCouldOvertake() throws {
        let card = try Fixture.provisional().score(ScoringOptions(samples: 0))
        XCTAssertTrue(VerdictNotes.provisional(card)!.hasPrefix("Provisional: GAP would overtake"))
    }

    func testEqualTotalsAreNoClearWinner() throws {
        let note = VerdictNotes.tie(try Fixture.tied().score(ScoringOptions(samples: 0)))!
        XCTAssertTrue(note.hasPrefix("No clear winner: P and Q tie at 6.00"), note)
        XCTAssertTrue(note.contains("differ most on"), note)
    }

    func testACriterionOnWhichEveryoneScoresTheSameDecidesNothing() throws {
        let card = try Fixture.undecisive().score(ScoringOptions(samples: 0))
        XCTAssertEqual(VerdictNotes.undecisive(card), "A decides nothing here: every ranked candidate scores the same on it.")
    }

    func testAWinnerWithFewerStepsDoneThanTheRunnerUpIsExplained() throws {
        let (f, run) = Fixture.fewerStepsDone()
        let note = VerdictNotes.coverage(try f.score(ScoringOptions(samples: 0), runs: [run]))!
        XCTAssertTrue(note.hasPrefix("CHEAP wins with 1 of 2 steps done against COMPLETE's 2 of 2: its lead comes from cost"), note)
    }
}
