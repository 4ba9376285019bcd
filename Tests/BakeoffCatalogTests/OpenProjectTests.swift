import BakeoffCatalog
import BakeoffModel
import TestSupport
import XCTest

/// Any proof of concept, not only the course's: the rubric is data, criteria are the project's own, and the
/// latest release's age is derived from its sourced date.
final class OpenProjectTests: XCTestCase {
    private typealias P = MinimalProject

    private let rubric = """
        rubric:
          title: A course
          stages: 1
          candidates_per_stage: 2
          required_tools:
            tracking: [mlflow]
          checkins: 2
          team_size: {min: 2, max: 4}
          talk: {limit: "4:00", minimum_per_member: "0:30"}

        """

    private func load(editing file: String, _ edit: @escaping (String) -> String) throws -> ProjectLoader.Result {
        let folder = try P.write(editing: file, edit)
        defer { folder.remove() }
        return try ProjectLoader.load(root: folder.path, today: P.today)
    }

    func testWithoutARubricBlockTheGenericChecklistApplies() throws {
        let folder = try P.write()
        defer { folder.remove() }
        let project = try ProjectLoader.load(root: folder.path, today: P.today).project
        XCTAssertEqual(project.rubric, .generic)
        XCTAssertNil(project.rubric.stages)
        XCTAssertEqual(project.rubric.candidatesPerStage, 2)
    }

    func testTheRubricBlockIsReadAndSetsTheTalkDefaults() throws {
        let result = try load(editing: "bakeoff.yaml") {
            P.replacing("talk:\n  limit: \"5:00\"\n  words_per_minute: 150\n", with: self.rubric)($0)
        }
        let rules = result.project.rubric
        XCTAssertEqual(rules.title, "A course")
        XCTAssertEqual(rules.stages, 1)
        XCTAssertEqual(rules.requiredTools, [.init(stage: "tracking", tool: "mlflow")])
        XCTAssertEqual(rules.checkins, 2)
        XCTAssertEqual(rules.teamSize, 2...4)
        XCTAssertEqual(rules.talkLimitSeconds, 240)
        // Without a talk block the team's talk takes the rubric's limits.
        XCTAssertEqual(result.project.team.talk.limitSeconds, 240)
        XCTAssertEqual(result.project.team.talk.minimumPerMemberSeconds, 30)
    }

    func testRubricErrorsAreLocated() throws {
        // The fixture's bakeoff.yaml has 20 lines; the rubric follows from line 21.
        var d = try P.diagnostics(editing: "bakeoff.yaml") {
            $0 + self.rubric.replacingOccurrences(of: "tracking: [mlflow]", with: "tracking: [mlflw]")
        }
        XCTAssertEqual(d.filter { $0.severity == .error }.count, 2, d.map(\.description).joined(separator: "\n"))
        let tool = try XCTUnwrap(d.first { $0.message.contains("mlflw") })
        XCTAssertEqual(tool.description, "error: bakeoff.yaml:26:16: rubric.required_tools.tracking[0]: 'mlflw' is not a candidate of stage 'tracking'; did you mean 'mlflow'?")
        // The team's talk (5:00) may not be looser than the rubric's (4:00).
        let talk = try XCTUnwrap(d.first { $0.path == "talk.limit" })
        XCTAssertEqual(talk.line, 19)
        XCTAssertEqual(talk.message, "the talk limit 5:00 is above the rubric's 4:00")
        d = try P.diagnostics(editing: "bakeoff.yaml") {
            P.replacing("talk:\n  limit: \"5:00\"\n  words_per_minute: 150\n", with: self.rubric)($0)
                .replacingOccurrences(of: "  tracking: [mlflow]", with: "  trackin: [mlflow]")
                .replacingOccurrences(of: "{min: 2, max: 4}", with: "{min: 4, max: 2}")
        }
        XCTAssertEqual(
            d.filter { $0.severity == .error }.map(\.description),
            [
                "error: bakeoff.yaml:23:5: rubric.required_tools.trackin: unknown stage 'trackin'; did you mean 'tracking'?",
                "error: bakeoff.yaml:25:14: rubric.team_size: team_size.max 2 is below team_size.min 4; swap them",
            ])
    }

    func testAProfileMayLeaveOutACriterionAndAProjectMayAddItsOwn() throws {
        let own = """
              - id: explanation-fidelity
                title: Explanation fidelity
                description: How close the explanations are to the known coefficients.
                indicators:
                  - id: rank-agreement
                    title: Rank agreement
                    description: Spearman correlation with the true coefficients.
                    unit: rho
                    direction: higher
                    source: {step: log_runs, measure: metric.rho}
                    normalize: {linear: {worst: 0, best: 1}}
            cost_model:
            """
        let folder = try P.write(editing: "criteria/criteria.yaml", P.replacing("cost_model:", with: own))
        defer { folder.remove() }
        try folder.write(
            "criteria/profiles/startup.yaml",
            "title: S\ndescription: D\nweights:\n  explanation-fidelity: {weight: 3, why: \"What we ask.\"}\n")
        let result = try ProjectLoader.load(root: folder.path, today: P.today)
        XCTAssertEqual(result.warnings, [])
        XCTAssertEqual(result.project.criteria.map(\.id), ["cost", "performance", "explanation-fidelity"])
        XCTAssertEqual(result.project.profiles.first?.weights, ["explanation-fidelity": 3])
    }

    func testAWeightedCriterionThatCannotGetEvidenceIsNamed() throws {
        let interoperability = """
              - id: interoperability
                title: Interoperability
                description: Works with the other stages' tools.
                indicators:
                  - id: integrations
                    title: Integrations
                    description: Other stages' candidates it integrates with.
                    unit: tools
                    direction: higher
                    source: integrations
                    normalize: min-max
            cost_model:
            """
        let folder = try P.write(editing: "criteria/criteria.yaml", P.replacing("cost_model:", with: interoperability))
        defer { folder.remove() }
        try folder.write(
            "criteria/profiles/startup.yaml",
            "title: S\ndescription: D\nweights:\n  cost: {weight: 1, why: a}\n  interoperability: {weight: 2, why: b}\n")
        let result = try ProjectLoader.load(root: folder.path, today: P.today)
        XCTAssertEqual(
            result.warnings.map(\.description),
            [
                "warning: criteria/profiles/startup.yaml:5:30: weights.interoperability.weight: criterion 'interoperability' can get no evidence in this project (integrations: it counts tools of other stages, and only one stage is assessed); its weight would fall on the other criteria; give it weight 0, or add an indicator this project can measure"
            ])
        // Weight 0: a deliberate choice, nothing to say.
        try folder.write(
            "criteria/profiles/startup.yaml",
            "title: S\ndescription: D\nweights:\n  cost: {weight: 1, why: a}\n  interoperability: {weight: 0, why: b}\n")
        XCTAssertEqual(try ProjectLoader.load(root: folder.path, today: P.today).warnings, [])
    }

    func testTheLatestReleaseDateGivesItsAgeAsOfTheSourceDate() throws {
        let dated = "license: {value: Apache-2.0, source: https://github.com/aimhubio/aim/blob/main/LICENSE, as_of: 2026-11-29}\n"
            + "      latest_release_date: {value: 2025-05-08, source: \"https://pypi.org/project/aim/#history\", as_of: 2026-11-29}"
        let result = try load(editing: "stages/tracking/stage.yaml") {
            P.replacing("license: {value: Apache-2.0, source: https://github.com/aimhubio/aim/blob/main/LICENSE, as_of: 2026-11-29}", with: dated)($0)
        }
        let aim = try XCTUnwrap(result.project.stage("tracking")?.candidate("aim"))
        // 2025-05-08 → 2026-05-08 is 365 days, → 2026-11-08 another 184, → 2026-11-29 another 21: 570.
        XCTAssertEqual(aim.fact("days_since_release")?.value, .number(570))
        XCTAssertEqual(aim.fact("days_since_release")?.source, "https://pypi.org/project/aim/#history")
        XCTAssertEqual(aim.fact("days_since_release")?.asOf, Day("2026-11-29"))

        var d = try P.diagnostics(editing: "stages/tracking/stage.yaml") {
            P.replacing("license: {value: Apache-2.0, source: https://github.com/aimhubio/aim/blob/main/LICENSE, as_of: 2026-11-29}",
                with: dated.replacingOccurrences(of: "2025-05-08", with: "2026-12-01"))($0)
        }
        XCTAssertEqual(d.filter { $0.severity == .error }.map(\.message), ["the release date 2026-12-01 is after the as-of date 2026-11-29"])
        d = try P.diagnostics(editing: "stages/tracking/stage.yaml") {
            P.replacing("license: {value: Apache-2.0, source: https://github.com/aimhubio/aim/blob/main/LICENSE, as_of: 2026-11-29}",
                with: dated.replacingOccurrences(of: "latest_release_date", with: "days_since_release").replacingOccurrences(of: "2025-05-08", with: "3"))($0)
        }
        XCTAssertEqual(d.filter { $0.severity == .error }.map(\.message), ["days_since_release is derived from latest_release_date"])
    }

    func testDayDifferences() {
        XCTAssertEqual(Day("2026-11-29")!.days(since: Day("2025-05-08")!), 570)
        XCTAssertEqual(Day("2024-03-01")!.days(since: Day("2024-02-28")!), 2)
        XCTAssertEqual(Day("2023-03-01")!.days(since: Day("2023-02-28")!), 1)
        XCTAssertEqual(Day("2020-01-01")!.days(since: Day("2026-11-29")!), -2524)
    }

    func testFlowIsReadAndItsStageReferencesChecked() throws {
        let flow = "order: 2\nflow: {after: [tracking], source: {title: Raw}, feeds: [{to: tracking, kind: feedback, label: again}]}"
        let result = try load(editing: "stages/data/stage.yaml", P.replacing("order: 2", with: flow))
        XCTAssertEqual(
            result.project.stage("data")?.flow,
            StageFlow(after: ["tracking"], source: .init(title: "Raw"), feeds: [.init(to: "tracking", kind: .feedback, label: "again")]))
        XCTAssertNil(result.project.stage("tracking")?.flow)
        let d = try P.diagnostics(
            editing: "stages/data/stage.yaml", P.replacing("order: 2", with: "order: 2\nflow: {lane: top, after: [trackin, data]}"))
        XCTAssertEqual(
            d.map(\.description),
            [
                "error: stages/data/stage.yaml:3:14: flow.lane: unknown lane 'top'; expected one of 'main', 'side'",
                "warning: stages/data/stage.yaml:3:27: flow.after[0]: stage 'trackin' is not in this project; the diagram skips it; did you mean 'tracking'? or remove it",
                "error: stages/data/stage.yaml:3:36: flow.after[1]: stage 'data' cannot follow or feed itself; name another stage",
            ])
    }
}

/// The bundled catalog carries the maintenance indicator and the release dates it reads.
final class BundledMaintenanceTests: XCTestCase {
    func testTheBundledSupportCriterionScoresDaysSinceTheLatestRelease() throws {
        let project = try ProjectLoader.load(root: Repository.root, today: nil).project
        let indicator = try XCTUnwrap(project.criteria.first { $0.id == "support" }?.indicators.first { $0.id == "maintenance" })
        XCTAssertEqual(indicator.source, .fact(key: "days_since_release"))
        XCTAssertEqual(indicator.normalization, .linear(worst: 1095, best: 30))
        let tools = project.stages.flatMap(\.candidates)
        // Every bundled tool whose release date could be sourced has one; git-lfs's could not, so it stays unknown.
        // The parts of CI/CD have none yet: hosted CI services and branching strategies are not released
        // software, and the hook runners' release dates were not read (h20).
        XCTAssertEqual(
            tools.filter { $0.fact("days_since_release") == nil }.map(\.id),
            ["git-lfs", "github-actions", "gitlab-ci", "circleci", "jenkins", "trunk-based", "github-flow", "gitflow",
             "pre-commit", "tox", "nox"])
        // whylogs: last release 2024-12-03, read 2026-11-29: 726 days.
        XCTAssertEqual(tools.first { $0.id == "whylogs" }?.fact("days_since_release")?.value, .number(726))
    }
}
