import ArgumentParser
import BakeoffCatalog
import BakeoffModel

/// `bakeoff check`: validate everything.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate bakeoff.yaml, criteria/ and stages/; report every problem with file and line.")

    @OptionGroup var options: ProjectOptions

    func run() throws {
        let result = try options.load()
        let project = result.project
        let tools = project.stages.reduce(0) { $0 + $1.candidates.count }
        let facts = project.stages.reduce(0) { sum, stage in
            sum + stage.candidates.reduce(0) { $0 + $1.facts.count }
                + stage.comparisons.reduce(0) { $0 + $1.items.reduce(0) { $0 + $1.facts.count } }
        }
        let adapters = project.stages.reduce(0) { $0 + $1.adapters.count }
        let warnings = result.warnings.count
        print(
            "ok: \(project.stages.count) stages, \(tools) candidates, \(facts) facts, \(adapters) adapters, "
                + "\(project.criteria.count) criteria, \(project.profiles.count) profiles"
                + (warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : ""))
    }
}
