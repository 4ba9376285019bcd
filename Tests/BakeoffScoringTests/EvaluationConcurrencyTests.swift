import BakeoffBench
import BakeoffModel
import XCTest

@testable import BakeoffScoring

/// `Evaluation.make` runs the stack choice and the other profiles' boards beside the Monte Carlo for `build`,
/// and chooses the stack only when read otherwise: the same evaluation either way, and the same as making each
/// part after the scores, one after the other.
final class EvaluationConcurrencyTests: XCTestCase {
    func testBesideTheMonteCarloOrAfterItTheEvaluationIsTheSame() throws {
        var (project, runs) = SyntheticProject.make(stages: 5, tools: 4, indicators: 12, seed: 3)
        runs[0].observations.removeAll { $0.tool == "s1t2" }
        var other = project.profiles[0]
        other.id = "other"
        other.title = "Other"
        other.weights["cost"] = 50
        project.profiles.append(other)
        let history = RunHistory(runs)
        let options = ScoringOptions(samples: 2_000)
        let forBuild = try Evaluation.make(project: project, history: history, options: options, withProfiles: true)
        let forScore = try Evaluation.make(project: project, history: history, options: options)
        XCTAssertEqual(forBuild.scoreboard, forScore.scoreboard)
        XCTAssertEqual(forBuild.stack, forScore.stack, "chosen beside the Monte Carlo or when first read")
        // One after the other, as before: the scores, then the stack and the boards from them.
        let board = try Scorer.score(project: project, history: history, options: options)
        XCTAssertEqual(board, forBuild.scoreboard)
        XCTAssertEqual(
            forBuild.stack,
            StackAnalysis.make(project: project, scoreboard: board, history: history, checks: [], samples: min(2_000, StackScorer.defaultSamples), seed: options.seed))
        var sequential = ProfileBoards.make(project: project, history: history, scoreboard: board, options: options)
        sequential.current = forBuild.profiles?.current
        XCTAssertEqual(forBuild.profiles, sequential)
        XCTAssertNotNil(forBuild.profiles?.current, "the profile scored is one of the boards")
    }
}
