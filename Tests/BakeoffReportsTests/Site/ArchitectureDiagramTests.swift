import BakeoffModel
import BakeoffReports
import BakeoffScoring
import XCTest

/// The diagram follows the project: its stages, their `flow:` and its integrations, and nothing else.
final class ArchitectureDiagramTests: XCTestCase {
    private static let day = Day("2026-11-01")!

    private static func stage(_ id: String, _ order: Int, flow: StageFlow? = nil) -> Stage {
        let tools = ["\(id)-a", "\(id)-b"].map {
            Tool(id: $0, name: $0.uppercased(), homepage: "https://example.org", summary: "",
                facts: [Fact(key: "license", value: .text("MIT"), source: "https://example.org/l", asOf: day)])
        }
        return Stage(id: id, order: order, title: "Stage \(id)", question: "?", candidates: tools, flow: flow)
    }

    /// A project assessing `assessed` of `stages` (all of them by default), scored on a licence map alone.
    private static func project(_ stages: [Stage], assessed: [String]? = nil, integrations: [[String]] = []) -> Project {
        let chosen = assessed ?? stages.map(\.id)
        let team = Team(
            name: "T", company: .startup, dataScienceTeam: .core, product: "P", members: [Member(id: "a", name: "A")],
            poster: "a", schedule: [], profile: "p",
            stages: stages.filter { chosen.contains($0.id) }.map { s in
                StageAssignment(stage: s.id, candidates: s.candidates.map { Assessment(tool: $0.id, assessors: ["a"]) })
            })
        let criterion = Criterion(
            id: "openness", title: "Openness", description: "",
            indicators: [
                Indicator(id: "license", title: "Licence", description: "", unit: "", direction: .higher,
                    source: .fact(key: "license"), normalization: .map(["MIT": 10], default: 0))
            ])
        return Project(
            root: "/nonexistent", team: team, criteria: [criterion],
            costModel: CostModel(horizonMonths: 12, inputs: [:], basis: "none"),
            profiles: [Profile(id: "p", title: "P", description: "", weights: ["openness": 1], rationale: [:])],
            stages: stages,
            integrations: integrations.enumerated().map { i, pair in
                Integration(
                    id: "i\(i)", title: "I", stages: pair, python: "3.11", requirements: nil, directory: "integrations/i\(i)",
                    scenario: Scenario(description: "", parameters: [], steps: []))
            })
    }

    private func nodes(_ project: Project) throws -> [ArchitectureDiagram.Node] {
        let board = try Scorer.score(project: project, history: .empty, options: .init(samples: 0))
        return ArchitectureDiagram.nodes(project: project, scoreboard: board)
    }

    func testSevenStagesWithoutFlowAreAPlainChainOfAllSeven() throws {
        // `decision-explanations` holds "ci" and "app"-like fragments: nothing is placed by its name.
        let ids = ["ingest", "label", "train", "decision-explanations", "serve", "monitor", "report"]
        let project = Self.project(ids.enumerated().map { Self.stage($0.element, $0.offset + 1) })
        let nodes = try nodes(project)
        XCTAssertEqual(nodes.map(\.stage), ids)
        XCTAssertEqual(nodes.map(\.column), Array(0..<7))
        XCTAssertEqual(nodes.map(\.lane), Array(repeating: .main, count: 7))
        XCTAssertEqual(nodes.map { $0.inputs.map(\.from) }, [[]] + ids.dropLast().map { [$0] })
        let svg = ArchitectureDiagram.svg(nodes, title: "T")
        for id in ids { XCTAssertTrue(svg.contains("Stage \(id)"), id) }
        for word in ["Data", "Code", "retrain", "CI/CD", "drift", "deploy", "data and models", "not assessed"] {
            XCTAssertFalse(svg.contains(word), word)
        }
        let layout = ArchitectureDiagram.layout(nodes)
        // Seven boxes of 170 with six gaps of 46 and margins of 20: 7·170 + 6·46 + 2·20 = 1506.
        XCTAssertEqual(layout.width, 1506)
        XCTAssertEqual(layout.boxes.count, 7)
        let mermaid = ArchitectureDiagram.mermaid(nodes)
        XCTAssertTrue(mermaid.contains("  s6 --> s7\n"), mermaid)
        XCTAssertEqual(
            ArchitectureDiagram.describe(nodes),
            "Left to right: " + ids.map { "Stage \($0)" }.joined(separator: " → ") + ".")
    }

    func testOneStageIsOneBox() throws {
        let nodes = try nodes(Self.project([Self.stage("explanations", 1)]))
        XCTAssertEqual(nodes.map(\.stage), ["explanations"])
        XCTAssertEqual(ArchitectureDiagram.layout(nodes).boxes.map(\.id), ["explanations"])
        XCTAssertEqual(ArchitectureDiagram.layout(nodes).edges, [])
        XCTAssertEqual(ArchitectureDiagram.describe(nodes), "One stage: Stage explanations.")
    }

    func testFlowAfterSkipsAnUnassessedStageAndPlacesSideLaneAndFeeds() throws {
        let stages = [
            Self.stage("a", 1, flow: StageFlow(source: .init(title: "Raw", note: "files"))),
            Self.stage("b", 2, flow: StageFlow(after: ["a"])),
            Self.stage("c", 3, flow: StageFlow(after: ["b"])),
            Self.stage("d", 4, flow: StageFlow(after: ["c"], feeds: [.init(to: "a", kind: .feedback, label: "again")])),
            Self.stage("s", 5, flow: StageFlow(lane: .side, feeds: [.init(to: "d", kind: .side, label: "ships")])),
        ]
        // b is not assessed: c follows a. The integration a → c adds its hand-off mark to that edge.
        let nodes = try nodes(Self.project(stages, assessed: ["a", "c", "d", "s"], integrations: [["a", "c"]]))
        XCTAssertEqual(nodes.map(\.stage), ["a", "c", "d", "s"])
        // A source box takes column 0, so stages start at column 1.
        XCTAssertEqual(nodes.map(\.column), [1, 2, 3, 1])
        XCTAssertEqual(nodes[1].inputs, [.init(from: "a", kind: .flow, handOff: .unverified)])
        XCTAssertEqual(nodes[0].inputs, [.init(from: "d", kind: .feedback, label: "again")])
        XCTAssertEqual(nodes[2].inputs.map(\.kind), [.flow, .side])
        let layout = ArchitectureDiagram.layout(nodes)
        XCTAssertEqual(layout.boxes.map(\.id).sorted(), ["a", "c", "d", "s", "source-a"])
        XCTAssertEqual(layout.edges.filter { $0.kind == "feedback" }.count, 1)
        XCTAssertEqual(layout.edges.filter { $0.kind == "code" }.count, 1)
        XCTAssertTrue(layout.labels.contains { $0.text == "?" })
        XCTAssertEqual(
            ArchitectureDiagram.describe(nodes),
            "Left to right: Stage a → Stage c → Stage d. Raw (files) feeds Stage a. Stage d feeds back into Stage a (again). "
                + "Stage s acts on Stage d (ships).")
    }

    func testIntegrationsJoinStagesWithoutFlowButNeverMakeACycle() throws {
        let stages = ["x", "y", "z"].enumerated().map { Self.stage($0.element, $0.offset + 1) }
        // x → y → z by order; z → x would turn the flow back on itself and is left out; x → z is a skip.
        let nodes = try nodes(Self.project(stages, integrations: [["z", "x"], ["x", "z"]]))
        XCTAssertEqual(nodes.map(\.column), [0, 1, 2])
        XCTAssertEqual(nodes[2].inputs.map(\.from), ["y", "x"])
        XCTAssertEqual(nodes[0].inputs, [])
        // The skip runs along a corridor under the boxes: six points, all segments orthogonal.
        let skip = ArchitectureDiagram.layout(nodes).edges.first { $0.points.count == 6 }
        XCTAssertNotNil(skip)
        // z has two predecessors: the chain stops before it and both edges are named.
        XCTAssertEqual(ArchitectureDiagram.describe(nodes), "Left to right: Stage x → Stage y; Stage y → Stage z; Stage x → Stage z.")
    }

    func testACycleWrittenInFlowIsBrokenAndEveryStageIsStillDrawn() throws {
        let stages = [
            Self.stage("p", 1, flow: StageFlow(after: ["q"])),
            Self.stage("q", 2, flow: StageFlow(after: ["p"])),
        ]
        let nodes = try nodes(Self.project(stages))
        XCTAssertEqual(nodes.map(\.stage).sorted(), ["p", "q"])
        XCTAssertEqual(nodes.flatMap(\.inputs).count, 1)
    }
}
