import BakeoffBench
import BakeoffModel
import BakeoffScoring
import Foundation
import TestSupport
import XCTest

@testable import BakeoffReports

/// The what-if page: its data, its ranking rules (hand-computed), and its script against the scorer.
final class WhatIfTests: XCTestCase {
    // MARK: the rules, by hand

    /// Four tools over criteria a, b, c (tool ids sorted: the index is the tie-break).
    /// p = 8, 2, unknown · q = 6, 6, 6 · r = unknown, unknown, 9 · s = 5.0000000004 everywhere.
    static let hand = WhatIfData.Stage(
        id: "st", title: "Stage", href: "stage-st.html",
        candidates: .init(
            tools: ["p", "q", "r", "s"].map { WhatIfData.Tool(id: $0, name: $0.uppercased()) },
            scores: [[8, 2, nil], [6, 6, 6], [nil, nil, 9], [5.000_000_000_4, 5.000_000_000_4, 5.000_000_000_4]]))

    func testRankingRenormalizesOverKnownCriteriaAndTiesWithinTheTolerance() {
        // Weights 1, 1, 0 → shares ½, ½, 0. p = (8 + 2)/2 = 5; q = 6; s = 5.0000000004 ties p (within 1e-9), and p
        // comes first by id; r has evidence on c only, which weighs nothing: unranked.
        let a = WhatIfRanking.rank(Self.hand, criteria: ["a", "b", "c"], weights: [1, 1, 0])
        XCTAssertEqual(a.order, ["q", "p", "s"])
        XCTAssertEqual(a.totals["p"]!, 5, accuracy: 1e-12)
        XCTAssertEqual(a.unranked, ["r"])
        XCTAssertFalse(a.provisional)
        // Weights 1, 1, 2 → ¼, ¼, ½. p's unknown c is left out: (2 + 0.5)/0.5 = 5; r = 9 on c alone.
        let b = WhatIfRanking.rank(Self.hand, criteria: ["a", "b", "c"], weights: [1, 1, 2])
        XCTAssertEqual(b.order, ["r", "q", "p", "s"])
        XCTAssertEqual(b.totals["p"]!, 5, accuracy: 1e-12)
        XCTAssertEqual(b.totals["r"]!, 9, accuracy: 1e-12)
    }

    func testToolsThatCannotWinComeAfterAndUnknownsAtTheirBestMakeAVerdictProvisional() {
        var stage = Self.hand
        stage.candidates.eligible = [true, false, true, true]
        XCTAssertEqual(WhatIfRanking.rank(stage, criteria: ["a", "b", "c"], weights: [1, 1, 0]).order, ["p", "s", "q"])
        // p's b (2) was an unknown counted at the worst known score; at the best it is 9: (8 + 9)/2 = 8.5 beats
        // q's 6 by more than 1e-9, so p could overtake: the verdict is provisional. s has no unknown.
        stage = Self.hand
        stage.candidates.upper = [[8, 9, nil], [6, 6, 6], [nil, nil, 9], [5, 5, 5]]
        let r = WhatIfRanking.rank(stage, criteria: ["a", "b", "c"], weights: [1, 1, 0])
        XCTAssertEqual(r.winner, "q")
        XCTAssertEqual(r.challenger, "p")
        XCTAssertTrue(r.provisional)
        // At ¼, ¼, ½ r wins with 9; p's best (8·¼ + 9·¼)/½ = 8.5 does not overtake it.
        XCTAssertNil(WhatIfRanking.rank(stage, criteria: ["a", "b", "c"], weights: [1, 1, 2]).challenger)
    }

    /// Criterion c is measured; r never ran. While c carries weight r is out of the running (and the unknowns
    /// count at a worst score among p and q); with c at 0 the unmeasured candidates apply, r among them.
    static let measured = WhatIfData.Stage(
        id: "m", title: "Measured", href: "stage-m.html", measured: [2],
        candidates: .init(
            tools: [.init(id: "p", name: "P"), .init(id: "q", name: "Q")], scores: [[4, 4, 9], [6, 6, 1]],
            excluded: [.init(id: "r", name: "R", why: "not measured")]),
        unmeasured: .init(tools: ["p", "q", "r"].map { .init(id: $0, name: $0) }, scores: [[4, 4, 9], [6, 6, 1], [7, 7, 1]]))

    func testNeverRunToolsJoinOnlyWhenNoMeasuredCriterionCarriesWeight() {
        // a, b, c = 1, 1, 1: p = 17/3 = 5.67, q = 13/3 = 4.33; r is excluded.
        let on = WhatIfRanking.rank(Self.measured, criteria: ["a", "b", "c"], weights: [1, 1, 1])
        XCTAssertEqual(on.order, ["p", "q"])
        XCTAssertEqual(on.excluded.map(\.id), ["r"])
        // c = 0: the unmeasured candidates: r = 7, q = 6, p = 4.
        let off = WhatIfRanking.rank(Self.measured, criteria: ["a", "b", "c"], weights: [1, 1, 0])
        XCTAssertEqual(off.order, ["r", "q", "p"])
        XCTAssertEqual(off.excluded, [])
    }

    func testToolsWithinHalfAHundredthOfTheWinnerAreTied() {
        // 50 / 50.04: q = 500.4/100.04 = 5.002, p = 500/100.04 = 4.998: 0.004 apart, tied; at 50 / 50.1, 0.010 apart.
        XCTAssertEqual(WhatIfRanking.rank(Self.pair, criteria: ["a", "b"], weights: [50, 50.04]).tiedWithWinner, ["p"])
        XCTAssertEqual(WhatIfRanking.rank(Self.pair, criteria: ["a", "b"], weights: [50, 50.1]).tiedWithWinner, [])
    }

    /// p = 10, 0 and q = 0, 10 at 60 % / 40 %: p leads 6 to 4; either weight at 50 % makes them equal, and q wins
    /// past it. Both flip points are 10 points away; the first criterion is the most critical.
    static let pair = WhatIfData.Stage(
        id: "two", title: "Two", href: "stage-two.html",
        candidates: .init(tools: [.init(id: "p", name: "P"), .init(id: "q", name: "Q")], scores: [[10, 0], [0, 10]]))

    func testFlipPointsAndTheLinkJustPastThem() {
        let r = WhatIfRanking.rank(Self.pair, criteria: ["a", "b"], weights: [60, 40])
        XCTAssertEqual(r.winner, "p")
        XCTAssertEqual(r.flips.map(\.criterion), ["a", "b"])
        XCTAssertEqual(r.flips[0].flipsAt!, 0.5, accuracy: 1e-12)
        XCTAssertEqual(r.flips[1].flipsAt!, 0.5, accuracy: 1e-12)
        XCTAssertEqual(r.flips.map(\.newWinner), ["q", "q"])
        XCTAssertEqual(r.mostCritical, "a")
        // Just past a = 50 %: 49.9 % / 50.1 % (rounded to 0.1 %), where q leads 5.01 to 4.99.
        XCTAssertEqual(WhatIfLink.flipWeights(stage: Self.pair, criteria: ["a", "b"], weights: [60, 40], flip: r.flips[0]), ["a": 49.9, "b": 50.1])
        let none = FlipPoint(criterion: "a", weight: 0.6, flipsAt: nil, newWinner: nil)
        XCTAssertNil(WhatIfLink.flipWeights(stage: Self.pair, criteria: ["a", "b"], weights: [60, 40], flip: none))
        XCTAssertEqual(
            WhatIfLink.url(weights: ["lock-in": 12.5, "cost": 50], profile: "mid size"), "whatif.html#profile=mid%20size&cost=50&lock-in=12.5")
        XCTAssertEqual(WhatIfLink.url(weights: [:]), "whatif.html")
    }

    func testTheScriptFollowsTheSameRulesByHand() throws {
        try requireNode()
        var bounded = Self.hand
        bounded.candidates.eligible = [true, true, true, true]
        bounded.candidates.upper = [[8, 9, nil], [6, 6, 6], [nil, nil, 9], [5, 5, 5]]
        var ineligible = Self.hand
        ineligible.candidates.eligible = [true, false, true, true]
        for (stages, criteria, weights) in [
            ([Self.hand, bounded, ineligible, Self.measured], ["a", "b", "c"], [[1.0, 1, 0], [1, 1, 2], [0, 0, 1], [3, 0.5, 7], [1, 1, 1]]),
            ([Self.pair], ["a", "b"], [[60, 40], [40, 60], [50, 50], [0, 1], [50, 50.04]]),
        ] {
            let page = Self.page(stages: stages, criteria: criteria)
            let cases = weights.map { w in WhatIfHarness.Case(profile: "p", overrides: Dictionary(uniqueKeysWithValues: zip(criteria, w))) }
            let results = try WhatIfHarness.rank(page: page, cases: cases)
            for (w, perStage) in zip(weights, results) {
                for (stage, js) in zip(stages, perStage) {
                    assertSame(js, WhatIfRanking.rank(stage, criteria: criteria, weights: w), "\(stage.id) at \(w)")
                }
            }
        }
    }

    // MARK: the script against the scorer

    /// A synthetic project (six stages of five tools, every indicator source; two tools never ran) with a second
    /// profile whose gate eliminates some tools; 300 seeded weightings, some weights 0, every tenth with no
    /// measured criterion weighted. For each, every stage's ranking, totals, provisional challenger, ties, flip
    /// points and links from the page's script under Node and from `WhatIfRanking`; for every fifth, also from
    /// `Scorer.score` with the same weight overrides (the scorer is the slow part).
    func testScriptAgreesWithTheScorerOnSampledWeightings() throws {
        try requireNode()
        var (project, runs) = SyntheticProject.make(stages: 6, tools: 5, indicators: 20, seed: 11)
        runs[0].observations.removeAll { ["s0t1", "s2t3"].contains($0.tool) }
        var gated = project.profiles[0]
        gated.id = "gated"
        gated.title = "Gated"
        gated.weights["cost"] = 40
        gated.gates = [Gate(fact: "license", allowed: ["Apache-2.0", "MIT", "GPL-3.0"], reason: "open licence only")]
        project.profiles.append(gated)
        let evaluation = try Evaluation.make(project: project, history: RunHistory(runs), options: ScoringOptions(samples: 0), withProfiles: true)
        let board = evaluation.scoreboard
        let model = SiteModel(project: project, scoreboard: board, history: RunHistory(runs), version: "test", profiles: evaluation.profiles)
        let page = TemplateSet.builtIn.render("whatif", model.whatIfPage())
        let data = WhatIfData.make(project: project, profiles: evaluation.profiles!, scoreboard: board, stack: nil)
        XCTAssertEqual(data.evaluations.count, 2, "the gate changes who is in the running")
        let criteria = project.criteria.map(\.id)

        var rng = Xoshiro256(seed: 2026)
        var cases: [WhatIfHarness.Case] = []
        for _ in 0..<300 {
            let profile = rng.uniform() < 0.5 ? "synthetic" : "gated"
            var overrides: [String: Double] = [:]
            for c in criteria {
                let u = rng.uniform()
                if u < 0.15 { overrides[c] = 0 } else if u < 0.7 { overrides[c] = (rng.uniform() * 100).rounded() } else if u < 0.85 {
                    overrides[c] = rng.uniform() * 50
                }
            }
            if cases.count % 10 == 5 {
                for c in ["cost", "lock-in", "support", "interoperability"] { overrides[c] = 0 }
                overrides["performance"] = 30
            }
            let base = project.profile(profile)!.weights
            if !criteria.contains(where: { (overrides[$0] ?? base[$0] ?? 0) > 0 }) { overrides[criteria[0]] = 1 }
            cases.append(.init(profile: profile, overrides: overrides))
        }
        let results = try WhatIfHarness.rank(page: page, cases: cases)
        XCTAssertEqual(results.count, cases.count)
        var compared = 0, links = 0, provisional = 0, unmeasured = 0
        for (n, (k, perStage)) in zip(cases, results).enumerated() {
            let profile = data.profile(k.profile)!
            let w = criteria.enumerated().map { i, c in k.overrides[c] ?? profile.weights[i] }
            let stages = data.evaluations[profile.board]
            for (stage, js) in zip(stages, perStage) {
                let mirror = WhatIfRanking.rank(stage, criteria: criteria, weights: w)
                assertSame(js, mirror, "\(stage.id) at \(k.profile) \(k.overrides)")
                if stage.candidates(for: WhatIfRanking.normalized(w)) != stage.candidates { unmeasured += 1 }
            }
            guard n % 5 == 0 else { continue }
            let scored = try Scorer.score(
                project: project, history: RunHistory(runs), options: ScoringOptions(profile: k.profile, weightOverrides: k.overrides, samples: 0))
            for ((stage, js), card) in zip(zip(stages, perStage), scored.stages) {
                let label = "\(stage.id) at \(k.profile) \(k.overrides)"
                XCTAssertEqual(js["stage"] as? String, card.stage)
                let mirror = WhatIfRanking.rank(stage, criteria: criteria, weights: w)
                XCTAssertEqual(mirror.challenger, card.provisional?.challenger, label)
                XCTAssertEqual(mirror.tiedWithWinner, card.tiedWithWinner, label)
                if mirror.provisional { provisional += 1 }
                // The scorer: same ranked tools in the same order, the same totals and flip points.
                let ranked = card.tools.filter { $0.rank != nil }
                XCTAssertEqual(ranked.map(\.tool), mirror.order, label)
                for tool in ranked { XCTAssertEqual(tool.total!, mirror.totals[tool.tool]!, accuracy: 1e-9, label) }
                let flips = card.sensitivity?.flipPoints ?? []
                for (f, g) in zip(flips, mirror.flips) {
                    XCTAssertEqual(f.criterion, g.criterion, label)
                    XCTAssertEqual(f.newWinner, g.newWinner, label)
                    XCTAssertEqual(f.flipsAt == nil, g.flipsAt == nil, label)
                    if let a = f.flipsAt, let b = g.flipsAt { XCTAssertEqual(a, b, accuracy: 1e-9, label) }
                }
                if card.sensitivity != nil { XCTAssertEqual(card.sensitivity?.mostCritical, mirror.mostCritical, label) }
                // The page's flip links and the deck's (WhatIfLink) land on the same rounded weights.
                let scriptLinks = js["flipWeights"] as? [Any] ?? []
                for (f, link) in zip(flips, scriptLinks) where f.flipsAt != nil {
                    let swift = WhatIfLink.flipWeights(stage: stage, criteria: criteria, weights: w, flip: f).map { l in criteria.map { l[$0]! } }
                    let script = (link as? [Any])?.map { ($0 as! NSNumber).doubleValue }
                    XCTAssertEqual(script?.count, swift?.count, label)
                    for (a, b) in zip(script ?? [], swift ?? []) { XCTAssertEqual(a, b, accuracy: 1e-9, label) }
                    if swift != nil { links += 1 }
                }
                compared += 1
            }
        }
        XCTAssertEqual(compared, 60 * 6)
        XCTAssertGreaterThan(links, 60)
        XCTAssertGreaterThan(provisional, 0, "some verdicts rest on unknowns")
        XCTAssertGreaterThan(unmeasured, 0, "some weightings let the never-run tools in")
    }

    /// Every flip point of a synthetic project (one tool never ran): the link's rounded weights, given to
    /// `Scorer.score` as `--weight` would give them, make the named new winner win.
    func testFlipLinksOpenOnWeightsWhereTheNewWinnerWins() throws {
        var (project, runs) = SyntheticProject.make(stages: 3, tools: 5, indicators: 20, seed: 5)
        runs[0].observations.removeAll { $0.tool == "s1t2" }
        let evaluation = try Evaluation.make(project: project, history: RunHistory(runs), options: ScoringOptions(samples: 0), withProfiles: true)
        let board = evaluation.scoreboard
        let data = WhatIfData.make(project: project, profiles: evaluation.profiles!, scoreboard: board, stack: nil)
        var checked = 0
        for card in board.stages {
            for flip in card.sensitivity?.flipPoints ?? [] where flip.flipsAt != nil {
                guard let url = WhatIfLink.flipURL(data: data, stage: card.stage, flip: flip) else { continue }
                var weights: [String: Double] = [:]
                for pair in url.split(separator: "#")[1].split(separator: "&") {
                    let kv = pair.split(separator: "=")
                    weights[String(kv[0])] = Double(kv[1])!
                }
                let scored = try Scorer.score(project: project, history: RunHistory(runs), options: ScoringOptions(weightOverrides: weights, samples: 0))
                XCTAssertEqual(scored.stages.first { $0.stage == card.stage }?.winner, flip.newWinner, "\(card.stage) \(flip) \(url)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 5)
    }

    // MARK: the page

    func testDataIsScriptSafeAndReadsBackExactly() throws {
        var stage = Self.hand
        stage.candidates.tools[0].name = "</script><!-- <script>alert(1)</script> & \u{2028}"
        stage.candidates.scores[1][0] = 0.1 + 0.2
        stage.candidates.excluded = [.init(id: "x", name: "X\"\\", why: "eliminated: </SCRIPT >")]
        let data = WhatIfData(
            criteria: [.init(id: "a", title: "A <b>"), .init(id: "b", title: "B"), .init(id: "c", title: "C")],
            recommended: .init(profile: "p", weights: [1, 1, 0], winners: [.init(stage: "st", tool: "q")], stack: nil),
            profiles: [.init(id: "p", title: "P", weights: [1, 1, 0], board: 0)], evaluations: [[stage]])
        let json = data.json()
        for bad in ["<", ">", "&", "\u{2028}"] { XCTAssertFalse(json.contains(bad), bad) }
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        XCTAssertEqual(object["version"] as? Int, WhatIfData.version)
        let read = ((object["evaluations"] as! [[[String: Any]]])[0][0])
        XCTAssertEqual((read["tools"] as! [[String: String]])[0]["name"], stage.candidates.tools[0].name)
        XCTAssertTrue(json.contains("[0.30000000000000004,6.0,6.0]"), "full precision, not 0.3")
        XCTAssertTrue((read["scores"] as! [[Any]])[0][2] is NSNull, "unknown is null, never 0")
        XCTAssertNil(read["upper"], "no bounds unless the evaluation gives them")
    }

    func testPageMatchesGoldenFiles() {
        assertGolden(SiteRenderer(templates: .builtIn).pages(SiteFixture.model(SiteFixture.plain))["whatif.html"] ?? "", named: "whatif.html")
        assertGolden(SiteRenderer(templates: .builtIn).pages(SiteFixture.model(SiteFixture.hostile))["whatif.html"] ?? "", named: "hostile-whatif.html")
    }

    func testPageWithoutScriptShowsTheRecommendationsTables() throws {
        let model = SiteFixture.model(SiteFixture.plain)
        let html = SiteRenderer(templates: .builtIn).pages(model)["whatif.html"]!
        // The static rows rank the criterion scores at the profile's weights 50/30/20: MLflow 10, 8, 9.6 →
        // 5 + 2.4 + 1.92 = 9.32; W&B 4, 10, unknown → (2 + 3)/0.8 = 6.25; Aim has no evidence.
        XCTAssertTrue(html.contains("<ol class=\"ranking\" style=\"margin:0;padding-left:1.3rem\"><li><bdi>MLflow</bdi> 9.32</li><li><bdi>Weights &amp; Biases</bdi> 6.25</li></ol>"))
        XCTAssertTrue(html.contains("<bdi>Aim (no criterion has evidence)</bdi>"))
        XCTAssertTrue(html.contains("<strong><bdi>MLflow</bdi></strong> 9.32"))
        XCTAssertTrue(html.contains("<form id=\"whatif-form\" hidden>"), "the controls show only when the script runs")
        XCTAssertTrue(html.contains("Turn on JavaScript to move them"))
        XCTAssertFalse(html.contains("src="), "nothing loaded from elsewhere")
        XCTAssertTrue(SiteRenderer(templates: .builtIn).pages(model)["index.html"]!.contains("href=\"whatif.html\""))
        XCTAssertTrue(SiteRenderer(templates: .builtIn).pages(model)["stage-web-app.html"]!.contains("href=\"whatif.html\""))
    }

    // MARK: helpers

    func requireNode() throws {
        guard WhatIfHarness.node != nil else { throw XCTSkip(WhatIfHarness.NodeMissing().description) }
    }

    /// A page around hand-made stages under one profile `p` (only the data and the script matter).
    static func page(stages: [WhatIfData.Stage], criteria: [String]) -> String {
        let data = WhatIfData(
            criteria: criteria.map { .init(id: $0, title: $0) },
            recommended: .init(profile: "p", weights: criteria.map { _ in 1 }, winners: [], stack: nil),
            profiles: [.init(id: "p", title: "P", weights: criteria.map { _ in 1 }, board: 0)], evaluations: [stages])
        return "<script type=\"application/json\" id=\"whatif-data\">\(data.json())</script>\n<script>\(WhatIfScript.ranking)</script>"
    }

    /// The script's result for one stage equals `WhatIfRanking`'s, to the last bit where the rules are the same
    /// arithmetic.
    func assertSame(_ js: [String: Any], _ swift: WhatIfRanking.Result, _ label: String, line: UInt = #line) {
        XCTAssertEqual(js["order"] as? [String], swift.order, label, line: line)
        XCTAssertEqual(js["unranked"] as? [String], swift.unranked, label, line: line)
        let totals = js["totals"] as? [String: Double] ?? [:]
        XCTAssertEqual(totals.keys.sorted(), swift.totals.keys.sorted(), label, line: line)
        for (tool, total) in swift.totals { XCTAssertEqual(totals[tool] ?? .nan, total, accuracy: 1e-12, label, line: line) }
        XCTAssertEqual(js["provisional"] as? Bool, swift.provisional, label, line: line)
        XCTAssertEqual(js["challenger"] as? String, swift.challenger, label, line: line)
        XCTAssertEqual(js["tiedWithWinner"] as? [String], swift.tiedWithWinner, label, line: line)
        XCTAssertEqual((js["excluded"] as? [[String: String]])?.map { $0["id"]! }, swift.excluded.map(\.id), label, line: line)
        XCTAssertEqual(js["mostCritical"] as? String, swift.mostCritical, label, line: line)
        let flips = js["flips"] as? [[String: Any]] ?? []
        XCTAssertEqual(flips.count, swift.flips.count, label, line: line)
        for (f, g) in zip(flips, swift.flips) {
            XCTAssertEqual(f["criterion"] as? String, g.criterion, label, line: line)
            XCTAssertEqual(f["weight"] as? Double ?? .nan, g.weight, accuracy: 1e-15, label, line: line)
            XCTAssertEqual(f["newWinner"] as? String, g.newWinner, label, line: line)
            XCTAssertEqual(f["flipsAt"] is NSNull, g.flipsAt == nil, label, line: line)
            if let a = f["flipsAt"] as? Double, let b = g.flipsAt { XCTAssertEqual(a, b, accuracy: 1e-12, label, line: line) }
        }
    }
}
