import ArgumentParser
import BakeoffCatalog
import BakeoffModel
import BakeoffRunner
import Foundation

/// `bakeoff new stage|adapter`: scaffolds that pass `bakeoff check` as they are written.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Add a stage or a candidate's adapter to the project, ready to fill in.",
        subcommands: [NewStage.self, NewAdapter.self])
}

/// `bakeoff new stage ID`: a stage with a one-step scenario and no candidate yet.
struct NewStage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stage", abstract: "Add stages/ID/ (stage.yaml and a one-step scenario.yaml); add candidates with 'bakeoff new adapter'.")

    @Argument(help: "The stage id (lower-case letters, digits, '-').") var id: String
    @OptionGroup var options: ProjectOptions

    func validate() throws {
        guard Identifier.isValid(id) else { throw ValidationError("'\(id)' is not a valid stage id; use lower-case letters, digits and '-'") }
    }

    func run() throws {
        let project = try options.load().project
        try New.reporting { try StageScaffold.addStage(id, to: project) }
        print("created stages/\(id)/: edit its question and scenario, then add candidates with 'bakeoff new adapter \(id) TOOL'")
    }
}

/// `bakeoff new adapter STAGE TOOL`: the tool becomes a candidate of the stage, assessed by the poster, with an
/// adapter whose steps are stubs to fill in.
struct NewAdapter: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adapter",
        abstract: "Add a candidate to a stage with an adapter to fill in (steps.py: one function per scenario step).",
        discussion: """
            By default the tool is a Python package: requirements.in names it and requirements.lock is made with \
            'uv pip compile requirements.in -o requirements.lock --python-version 3.11' (needs the package index). \
            With --debian PACKAGE the tool comes from Debian packages already installed, and nothing is downloaded.
            """)

    @Argument(help: "The stage's id.") var stage: String
    @Argument(help: "The tool's id (its PyPI name by default).") var tool: String
    @Option(help: "The tool's display name (default: its id).") var name: String?
    @Option(help: "The tool's homepage (default: its PyPI or Debian page).") var homepage: String?
    @Option(help: "The PyPI requirement to lock (default: the tool's id).") var requirement: String?
    @Option(name: .customLong("debian"), help: "A Debian package providing the tool (repeat for several); no PyPI install.")
    var debian: [String] = []
    @OptionGroup var options: ProjectOptions

    func validate() throws {
        guard Identifier.isValid(tool) else { throw ValidationError("'\(tool)' is not a valid tool id; use lower-case letters, digits and '-'") }
    }

    func run() throws {
        let project = try options.load().project
        guard let stage = project.stage(self.stage) else {
            throw ValidationError("unknown stage '\(self.stage)'; \(Spelling.hint(for: self.stage, among: project.stages.map(\.id), what: "stage"))")
        }
        let install: StageScaffold.Install = debian.isEmpty ? .python(requirement: requirement ?? tool) : .debian(debian)
        try New.reporting {
            try Terminal.interruptible { interruption in
                try StageScaffold.addAdapter(
                    tool: tool, to: stage, of: project, name: name, homepage: homepage, install: install
                ) { requirements in
                    try UV.locate(interruption: interruption)
                        .lock(requirements: requirements, python: StageScaffold.pythonVersion, interruption: interruption)
                }
            }
        }
        print("created stages/\(stage.id)/adapters/\(tool)/: write each step in steps.py, add the tool's sourced facts to stages/\(stage.id)/stage.yaml, then 'bakeoff check'")
    }
}

extension New {
    /// Runs `body`, printing a scaffold's refusal or uv's failure as an error (exit 1); nothing was written then.
    static func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as StageScaffold.EditFailure {
            Terminal.error("error: \(failure.description)")
            throw ExitCode(1)
        } catch let failure as UV.Failure {
            Terminal.error("error: \(failure.message); nothing was written; \(failure.hint) (or use --debian PACKAGE)")
            throw ExitCode(1)
        }
    }
}
