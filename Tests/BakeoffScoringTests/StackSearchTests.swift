import BakeoffModel
import XCTest

@testable import BakeoffScoring

/// The dynamic programme over chains of joined stages finds the same stacks, in the same order, as comparing
/// every stack one by one, and stays fast where enumerating would not finish.
final class StackSearchTests: XCTestCase {
    /// A chain of `stages` stages of `k` tools each, with seeded scores, some interoperability unknown, and pair
    /// values between neighbours (some unknown, some exactly equal so ties occur).
    static func chain(stages: Int, k: Int, seed: UInt64) -> (Scoreboard, [PairRecord]) {
        var rng = Xoshiro256(seed: seed)
        func draw() -> Double { (rng.uniform() * 4).rounded() * 2.5 }  // 0, 2.5, … 10: ties are common
        var cards: [StageScorecard] = []
        var pairs: [PairRecord] = []
        for s in 0..<stages {
            let tools = (0..<k).map { "s\(s)t\($0)" }
            var scores: [Double] = [], known: [Double] = []
            for _ in tools {
                scores.append(draw())
                let interop = rng.uniform() < 0.3 ? nil : draw() as Double?
                scores.append(interop ?? 0)
                known.append(1)
                known.append(interop == nil ? 0 : 1)
            }
            let matrix = DecisionMatrix(
                tools: tools, criteria: ["performance", "interoperability"], weights: [0.5, 0.5], scores: scores, known: known)
            let totals = matrix.totals(matrix.weights)
            let winner = matrix.ranking(matrix.weights)[0]
            var card = StageScorecard(
                stage: "S\(s)", title: "S\(s)",
                tools: tools.indices.map {
                    ToolScore(tool: tools[$0], name: tools[$0], total: totals[$0], rank: nil, criteria: [], indicators: [], cost: nil, eliminated: nil, insufficientEvidence: nil)
                }, winner: tools[winner], runnerUp: nil, margin: nil, sensitivity: nil)
            card.matrix = matrix
            cards.append(card)
            if s > 0 {
                for a in 0..<k {
                    for b in 0..<k {
                        let value: Double? = rng.uniform() < 0.25 ? nil : (rng.uniform() * 2).rounded() / 2
                        pairs.append(PairRecord(
                            integration: "i\(s)", stages: ["S\(s - 1)", "S\(s)"], tools: ["s\(s - 1)t\(a)", "s\(s)t\(b)"], verdict: nil,
                            steps: [], runs: [], documented: [], value: value, basis: "test"))
                    }
                }
            }
        }
        return (Scoreboard(profile: "p", weights: ["performance": 0.5, "interoperability": 0.5], stages: cards), pairs)
    }

    func testTheProgrammeRanksStacksLikeTheEnumeration() {
        var rng = Xoshiro256(seed: 11)
        for seed in UInt64(1)...40 {
            let (board, pairs) = Self.chain(stages: 2 + Int(seed % 4), k: 2 + Int(seed % 3), seed: seed)
            let problem = Problem(stages: board.stages, interop: 1, pairs: pairs)
            let search = StackSearch(problem)
            XCTAssertNotNil(search.order)
            for _ in 0..<5 {
                let a = rng.uniform()
                let w = [a, 1 - a]
                let full = problem.rank(w)
                let fast = search.ranked(w, count: 3)
                XCTAssertEqual(fast.map(\.choice), full.prefix(3).map(\.choice), "seed \(seed), weights \(w)")
                for (x, y) in zip(fast, full) { XCTAssertEqual(x.total, y.total, accuracy: 1e-9) }
                XCTAssertEqual(search.best(w), full[0].choice)
            }
        }
    }

    func testAGroupThatIsNotAChainIsEnumerated() {
        // Three stages all joined to each other: a cycle, so no order exists and the caller enumerates.
        var (board, pairs) = Self.chain(stages: 3, k: 2, seed: 5)
        pairs.append(PairRecord(
            integration: "loop", stages: ["S0", "S2"], tools: ["s0t0", "s2t1"], verdict: nil, steps: [], runs: [], documented: [],
            value: 1, basis: "test"))
        let problem = Problem(stages: board.stages, interop: 1, pairs: pairs)
        XCTAssertNil(StackSearch(problem).order)
        board.stages[0].matrix!.weights = [0.5, 0.5]
        XCTAssertNoThrow(try StackScorer.choose(board: board, pairs: pairs, samples: 10, seed: 1))
    }

    func testTwentyCandidatesInSixStagesAreChosenQuickly() throws {
        // 20⁶ = 64 million stacks: the enumeration refuses; the programme answers with its robustness.
        let (board, pairs) = Self.chain(stages: 6, k: 20, seed: 3)
        let start = DispatchTime.now().uptimeNanoseconds
        let choice = try StackScorer.choose(board: board, pairs: pairs, samples: 200, seed: 9)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        XCTAssertEqual(choice.members.count, 6)
        XCTAssertEqual(choice.runnersUp.count, 2)
        XCTAssertGreaterThanOrEqual(choice.total, choice.runnersUpTotals[0] - 1e-9)
        XCTAssertLessThan(seconds, 30, "debug build, shared machine: a generous bound; the release figure is in bench/")
    }
}
