import BakeoffModel
import ScoringFixture
import XCTest

@testable import BakeoffScoring

/// The pair values and the whole-stack choice, on numbers small enough to compute by hand.
final class StackScoringTests: XCTestCase {
    // MARK: pair values

    static let provenance = Provenance(
        cpuModel: "cpu", cores: 2, memoryBytes: 1, os: "os", kernel: "k", python: "3.11", uv: "0.13", gitCommit: "abc",
        bakeoffVersion: "0.1.0", network: "loopback-only")

    static func tool(_ id: String, integrations: [String] = []) -> Tool {
        Tool(
            id: id, name: id.uppercased(), homepage: "", summary: "",
            facts: integrations.isEmpty ? [] : [Fixture.fact("integrations", .list(integrations))])
    }

    /// Stages up (u1, u2, u3) and down (d1, d2); u3 documents d2 by its display name.
    static var project: Project {
        var f = Fixture(criteria: [])
        f.otherStages = [
            Stage(id: "up", order: 1, title: "Up", question: "", candidates: [tool("u1"), tool("u2"), tool("u3", integrations: ["D2"])]),
            Stage(id: "down", order: 2, title: "Down", question: "", candidates: [tool("d1"), tool("d2")]),
        ]
        var p = f.project
        p.stages.removeFirst()
        p.team.stages.removeFirst()
        let steps = ["one", "two"].map { ScenarioStep(id: $0, title: $0, description: "", timeoutSeconds: 60) }
        p.integrations = [
            Integration(
                id: "hand", title: "Hand", stages: ["up", "down"], python: "3.11", requirements: nil, directory: "integrations/hand",
                scenario: Scenario(description: "", parameters: [], steps: steps))
        ]
        return p
    }

    static func observation(_ run: String, _ pair: String, _ step: String, _ rep: Int, _ status: ObservationStatus, _ reason: String? = nil)
        -> Observation
    {
        Observation(
            runID: run, stage: "hand", tool: pair, step: step, repetition: rep, status: status, startedAt: "2026-11-29T00:00:0\(rep)Z",
            reason: reason)
    }

    static func run(_ id: String, at: String, _ observations: [Observation]) -> Run {
        Run(id: id, startedAt: at, endedAt: at, status: .complete, repetitions: 2, provenance: provenance, environments: [], observations: observations)
    }

    func testPairValuesFromRunsAndFacts() throws {
        let old = Self.run(
            "r1", at: "2026-11-28T00:00:00Z",
            ["one", "two"].flatMap { s in [1, 2].map { Self.observation("r1", "u1+d1", s, $0, .ok) } })
        let new = Self.run(
            "r2", at: "2026-11-29T00:00:00Z",
            [
                // u1+d1: step one ok twice, step two fails in repetition 2 → 1 of 2 steps ok.
                Self.observation("r2", "u1+d1", "one", 1, .ok), Self.observation("r2", "u1+d1", "one", 2, .ok),
                Self.observation("r2", "u1+d1", "two", 1, .ok), Self.observation("r2", "u1+d1", "two", 2, .failed, "exit code 1"),
                // u2+d1: unsupported by the tool.
                Self.observation("r2", "u2+d1", "one", 1, .unsupported, "no registry"),
                Self.observation("r2", "u2+d1", "two", 1, .unsupported, "no registry"),
                // u3+d2: the two cannot share an environment.
                Self.observation("r2", "u3+d2", "one", 1, .failed, Integration.conflictPrefix + "numpy: a wants <2; b wants >=2"),
                Self.observation("r2", "u3+d2", "two", 1, .failed, Integration.conflictPrefix + "numpy: a wants <2; b wants >=2"),
            ])
        let records = PairEvidence.records(project: Self.project, history: RunHistory([old, new]))
        XCTAssertEqual(records.map(\.id), ["u1+d1", "u1+d2", "u2+d1", "u2+d2", "u3+d1", "u3+d2"])
        // Only the newest run of each pair is read: the older one may stay a summary.
        let summaries = [old, new].map(RunSummary.init)
        XCTAssertEqual(PairEvidence.runIDs(project: Self.project, history: RunHistory(summaries: summaries)), ["r2"])
        XCTAssertEqual(PairEvidence.records(project: Self.project, history: RunHistory(summaries: summaries, runs: [new])), records)
        let byID = Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) })

        // The newest run counts: (installs 1 + hand-off 1/2) / 2 = 0.75.
        let partial = try XCTUnwrap(byID["u1+d1"])
        XCTAssertEqual(partial.verdict, .partial)
        XCTAssertEqual(partial.runs, ["r2"])
        XCTAssertEqual(try XCTUnwrap(partial.value), 0.75, accuracy: 1e-12)
        XCTAssertEqual(partial.steps.map(\.status), [.ok, .failed])
        XCTAssertEqual(partial.steps.map(\.okRepetitions), [2, 1])
        XCTAssertEqual(partial.steps[1].reason, "exit code 1")
        XCTAssertEqual(partial.basis, "installs together: yes; hand-off: 1 of 2 steps ok")

        // Unsupported: installs (1) but no step ok (0) → 0.5.
        XCTAssertEqual(byID["u2+d1"]?.verdict, .unsupported)
        XCTAssertEqual(try XCTUnwrap(byID["u2+d1"]?.value), 0.5, accuracy: 1e-12)

        // Conflict (0) and documented by u3's fact naming "D2" (1) → 0.5; the documentation is linked.
        let conflict = try XCTUnwrap(byID["u3+d2"])
        XCTAssertEqual(conflict.verdict, .conflicts)
        XCTAssertEqual(try XCTUnwrap(conflict.value), 0.5, accuracy: 1e-12)
        XCTAssertEqual(conflict.documented.count, 1)

        // Never run, no fact: unknown, never 0.
        XCTAssertNil(byID["u3+d1"]?.value)
        XCTAssertNil(byID["u2+d2"]?.value)
        XCTAssertNil(byID["u2+d2"]?.verdict)
    }

    func testAPairWhoseEnvironmentFailsToInstallCannotShareOne() throws {
        let reason = EnvironmentRecord.installFailurePrefix("u2+d2") + "`uv pip sync ...`: error: Failed to build `tokenizers==0.10.3`"
        let run = Self.run(
            "r3", at: "2026-11-29T01:00:00Z",
            ["one", "two"].map { Self.observation("r3", "u2+d2", $0, 1, .failed, reason) })
        let pair = try XCTUnwrap(PairEvidence.records(project: Self.project, history: RunHistory([run])).first { $0.id == "u2+d2" })
        XCTAssertEqual(pair.verdict, .conflicts)
        XCTAssertEqual(pair.value, 0)
        XCTAssertEqual(pair.basis, "installs together: no, the resolved environment failed to install")
        XCTAssertEqual(pair.steps.first?.reason, reason)
    }

    func testDocumentedOnlyPairCountsAsClaimed() throws {
        let records = PairEvidence.records(project: Self.project, history: .empty)
        let documented = try XCTUnwrap(records.first { $0.id == "u3+d2" })
        XCTAssertEqual(documented.value, 1)
        XCTAssertEqual(documented.basis, "not run here; documented by the tool")
        XCTAssertEqual(records.filter { $0.value != nil }.count, 1)
    }

    // MARK: the stack

    /// Criteria [performance, interoperability], weights ½ each.
    ///   a1: 10, 6 → 8.0 alone     a2: 8, 6 → 7.0         (stage A winner a1)
    ///   b1: 10, — → 10.0 alone    b2: 9.2, 8 → 8.6       (stage B winner b1)
    /// Pairs: a1+b1 0 (conflict), a1+b2 1, a2+b1 1, a2+b2 unknown.
    /// In-stack interoperability is the mean of the own score /10 and the pair values, ×10:
    ///   (a1,b1): a1 (0.6+0)/2 → 3 → 6.5;  b1 0/1 → 0 → 5.0;   stack 5.75
    ///   (a1,b2): a1 (0.6+1)/2 → 8 → 9.0;  b2 (0.8+1)/2 → 9 → 9.1;  stack 9.05
    ///   (a2,b1): a2 8 → 8.0;  b1 10 → 10.0;  stack 9.0
    ///   (a2,b2): a2 6 → 7.0;  b2 8 → 8.6;  stack 7.8
    func testBestStackByHand() throws {
        let board = Self.board()
        let pairs = [Self.pair("a1", "b1", 0), Self.pair("a1", "b2", 1), Self.pair("a2", "b1", 1), Self.pair("a2", "b2", nil)]
        let choice = try StackScorer.choose(board: board, pairs: pairs, samples: 200, seed: 7)
        XCTAssertEqual(choice.members.map(\.tool), ["a1", "b2"])
        XCTAssertEqual(choice.total, 9.05, accuracy: 1e-12)
        XCTAssertEqual(choice.members[0].inStack, 9.0, accuracy: 1e-12)
        XCTAssertEqual(choice.members[1].inStack, 9.1, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(choice.members[0].interoperability), 8, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(choice.members[1].interoperability), 9, accuracy: 1e-12)
        XCTAssertEqual(choice.members.map(\.alone), [8.0, 8.6])
        XCTAssertEqual(choice.winners.map(\.tool), ["a1", "b1"])
        XCTAssertEqual(choice.winnersTotal, 5.75, accuracy: 1e-12)
        XCTAssertEqual(choice.differences.map(\.stage), ["B"])
        XCTAssertEqual(choice.differences.first?.winner, "b1")
        XCTAssertEqual(choice.differences.first?.chosen, "b2")
        XCTAssertTrue(choice.differences.first?.why.contains("a1 → b1 0") ?? false, choice.differences.first?.why ?? "")
        // b2 has an interoperability score of its own (8), so the why does not say it rests on hand-offs alone.
        XCTAssertFalse(choice.differences.first?.why.contains("no interoperability score of its own") ?? true)
        XCTAssertEqual(choice.runnersUp.first, ["a2", "b1"])
        XCTAssertEqual(try XCTUnwrap(choice.runnersUpTotals.first), 9.0, accuracy: 1e-12)
        XCTAssertEqual(choice.combinations, 4)
        XCTAssertEqual(choice.edges.map(\.id), ["a1+b2"])
        XCTAssertTrue((0...1).contains(choice.robustness))
        // Same inputs, same answer (the sampling is seeded).
        let again = try StackScorer.choose(board: board, pairs: pairs, samples: 200, seed: 7)
        XCTAssertEqual(again, choice)
    }

    /// The Monte Carlo's fast search agrees with the full ranking under many weightings.
    func testFastSearchAgreesWithTheFullRanking() {
        let board = Self.board()
        let pairs = [Self.pair("a1", "b1", 0), Self.pair("a1", "b2", 1), Self.pair("a2", "b1", 1), Self.pair("a2", "b2", nil)]
        let problem = Problem(stages: board.stages, interop: 1, pairs: pairs)
        var rng = Xoshiro256(seed: 3)
        for _ in 0..<200 {
            let a = rng.uniform()
            let w = [a, 1 - a]
            XCTAssertEqual(problem.best(w), problem.rank(w)[0].choice, "weights \(w)")
        }
    }

    func testWithoutPairsTheStageWinnersAreTheStack() throws {
        let choice = try StackScorer.choose(board: Self.board(), pairs: [], samples: 50, seed: 1)
        XCTAssertEqual(choice.members.map(\.tool), ["a1", "b1"])
        XCTAssertEqual(choice.differences, [])
        XCTAssertEqual(choice.robustness, 1)
        XCTAssertEqual(choice.combinations, 1)
    }

    func testAStackNeedsTheInteroperabilityCriterion() {
        var board = Self.board()
        for i in board.stages.indices { board.stages[i].matrix!.criteria = ["performance", "openness"] }
        XCTAssertThrowsError(try StackScorer.choose(board: board, pairs: [], seed: 1)) { error in
            XCTAssertTrue("\(error)".contains("needs a criterion 'interoperability'"), "\(error)")
        }
    }

    static func pair(_ a: String, _ b: String, _ value: Double?) -> PairRecord {
        PairRecord(
            integration: "hand", stages: ["A", "B"], tools: [a, b], verdict: value.map { $0 > 0 ? .works : .conflicts }, steps: [],
            runs: [], documented: [], value: value, basis: "test")
    }

    static func board() -> Scoreboard {
        func card(_ stage: String, _ tools: [String], _ scores: [[Double?]], winner: String) -> StageScorecard {
            let matrix = DecisionMatrix(
                tools: tools, criteria: ["performance", "interoperability"], weights: [0.5, 0.5],
                scores: scores.flatMap { $0.map { $0 ?? 0 } }, known: scores.flatMap { $0.map { $0 == nil ? 0 : 1 } })
            let totals = matrix.totals(matrix.weights)
            var card = StageScorecard(
                stage: stage, title: stage,
                tools: tools.indices.map { i in
                    ToolScore(
                        tool: tools[i], name: tools[i], total: totals[i], rank: nil, criteria: [], indicators: [], cost: nil,
                        eliminated: nil, insufficientEvidence: nil)
                }, winner: winner, runnerUp: nil, margin: nil, sensitivity: nil)
            card.matrix = matrix
            return card
        }
        return Scoreboard(
            profile: "p", weights: ["performance": 0.5, "interoperability": 0.5],
            stages: [
                card("A", ["a1", "a2"], [[10, 6], [8, 6]], winner: "a1"),
                card("B", ["b1", "b2"], [[10, nil], [9.2, 8]], winner: "b1"),
            ])
    }
}
