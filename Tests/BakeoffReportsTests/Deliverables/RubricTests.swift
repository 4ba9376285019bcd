import BakeoffModel
import BakeoffReports
import BakeoffScoring
import XCTest

final class RubricTests: XCTestCase {
    private func evaluate(_ project: Project, runs: [Run], outputs: Rubric.Outputs) throws -> [String: Rubric.Item] {
        let board = try Scorer.score(project: project, history: RunHistory(runs), options: .init(samples: 0))
        let slides = SlideDeck.slides(project: project, scoreboard: board, history: RunHistory(runs))
        let items = Rubric.evaluate(
            project: project, history: RunHistory(runs), scoreboard: board, plan: TalkPlan.plan(slides: slides, team: project.team),
            posts: CheckinPosts.posts(project: project, scoreboard: board, history: RunHistory(runs)), outputs: outputs)
        return Dictionary(uniqueKeysWithValues: items.map { ($0.title, $0) })
    }

    private let everything = Rubric.Outputs(stagePage: { _ in "<table></table>" }, stageChart: { _ in true }, checkin: { _ in true })
    private let nothing = Rubric.Outputs(stagePage: { _ in nil }, stageChart: { _ in false }, checkin: { _ in false })

    /// The course's rules, as the bundled bakeoff.yaml states them.
    private let course = RubricRules(
        title: "MSDS 626", stages: 6, candidatesPerStage: 2,
        requiredTools: [.init(stage: "experiment-tracking", tool: "mlflow")], checkins: 7, teamSize: 3...4,
        talkLimitSeconds: 300, minimumPerMemberSeconds: 60)

    private var courseProject: Project {
        var project = DeliverablesFixture.project
        project.team.rubric = course
        return project
    }

    func testEachItemFailsWithWhatToDo() throws {
        let items = try evaluate(courseProject, runs: DeliverablesFixture.runs, outputs: nothing)
        XCTAssertEqual(items["six stages assessed"]?.passed, false)
        XCTAssertEqual(items["six stages assessed"]?.detail, "only 2 stages are assessed in bakeoff.yaml; assess all 6")
        XCTAssertEqual(items["at least two candidates per stage"]?.passed, true)
        XCTAssertEqual(items["MLflow among the experiment-tracking candidates"]?.passed, true)
        XCTAssertEqual(
            items["each stage has measurements"]?.detail,
            "data-versioning: 0 candidates measured; run 'bakeoff run --stage data-versioning'")
        XCTAssertTrue(items["each stage has a table"]?.detail.contains("experiment-tracking: no table on its page") ?? false)
        XCTAssertTrue(items["each stage has a visual"]?.detail.contains("no chart") ?? false)
        XCTAssertEqual(
            items["all seven check-ins generated"]?.detail.hasPrefix(
                "the schedule has 3 check-ins; the rubric asks for 7 (group-details and one per stage)"), true)
        XCTAssertEqual(items["each stage has a recommendation"]?.passed, true)
    }

    func testTheGenericChecklistHasNoCourseRules() throws {
        let items = try evaluate(DeliverablesFixture.project, runs: DeliverablesFixture.runs, outputs: everything)
        XCTAssertEqual(
            Array(items.keys).sorted(),
            [
                "at least two candidates per stage", "each stage has a recommendation", "each stage has a table",
                "each stage has a visual", "each stage has measurements", "every candidate has an assessor",
                "every member speaks at least 1:00", "every scheduled check-in generated", "the talk fits its limit (5:00)",
            ])
        XCTAssertEqual(items["every scheduled check-in generated"]?.passed, true)
    }

    func testTeamSizeFromTheRubric() throws {
        var project = courseProject
        project.team.rubric.teamSize = 5...5
        let items = try evaluate(project, runs: DeliverablesFixture.runs, outputs: everything)
        let count = project.team.members.count
        XCTAssertEqual(items["a team of 5 members"]?.detail, "the team has \(count) members; the rubric asks for 5")
        project.team.rubric.teamSize = count...count + 1
        XCTAssertEqual(try evaluate(project, runs: DeliverablesFixture.runs, outputs: everything)["a team of \(count)–\(count + 1) members"]?.passed, true)
    }

    func testMLflowMissingAndOneCandidateFail() throws {
        var project = courseProject
        project.team.stages[0].candidates.removeAll { $0.tool == "mlflow" }
        let items = try evaluate(project, runs: DeliverablesFixture.runs, outputs: everything)
        XCTAssertEqual(items["MLflow among the experiment-tracking candidates"]?.detail, "add mlflow to stages.experiment-tracking in bakeoff.yaml")
        XCTAssertEqual(
            items["at least two candidates per stage"]?.detail,
            "experiment-tracking has 1; add another under stages.experiment-tracking in bakeoff.yaml")
        XCTAssertEqual(items["each stage has a table"]?.passed, true)
    }

    func testTalkOverItsLimitAndSilentMemberFail() throws {
        var project = DeliverablesFixture.project
        project.team.talk.limitSeconds = 60
        project.team.members.append(Member(id: "dan", name: "Dan"))
        let items = try evaluate(project, runs: DeliverablesFixture.runs, outputs: everything)
        XCTAssertEqual(items["the talk fits its limit (1:00)"]?.passed, false)
        XCTAssertEqual(items["every member speaks at least 1:00"]?.passed, false)
    }
}
