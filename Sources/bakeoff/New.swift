import ArgumentParser
import BakeoffCatalog
import BakeoffModel
import Foundation

/// `bakeoff new stage|adapter`: scaffolds that pass `bakeoff check` as they are written.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
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
        if project.stage(id) != nil { throw New.failure("stage '\(id)' exists already") }
        let order = (project.stages.map(\.order).max() ?? 0) + 1
        try New.write(StageScaffold.stageFiles(id: id, order: order), in: project.root)
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
        if stage.adapter(for: tool) != nil { throw New.failure("stages/\(stage.id)/adapters/\(tool) exists already") }
        let install: StageScaffold.Install = debian.isEmpty ? .python(requirement: requirement ?? tool) : .debian(debian)
        var files = StageScaffold.adapterFiles(
            stage: stage.id, tool: tool, steps: stage.scenario?.steps.map(\.id) ?? [], install: install)
        let root = URL(fileURLWithPath: project.root)
        // The edits of the two YAML files are computed before anything is written, so a failure changes nothing.
        var edits: [(String, String)] = []
        do {
            if stage.candidate(tool) == nil {
                let path = "stages/\(stage.id)/stage.yaml"
                let page = homepage ?? (debian.isEmpty ? "https://pypi.org/project/\(tool)/" : "https://packages.debian.org/stable/\(debian[0])")
                let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
                edits.append((path, try StageScaffold.addingCandidate(
                    StageScaffold.candidateEntry(tool: tool, name: name ?? tool, homepage: page), to: text, file: path)))
            }
            if !(project.team.assignment(for: stage.id)?.candidates.contains { $0.tool == tool } ?? false) {
                let text = try String(contentsOf: root.appendingPathComponent("bakeoff.yaml"), encoding: .utf8)
                edits.append(("bakeoff.yaml", try StageScaffold.addingAssessment(stage: stage.id, tool: tool, assessor: project.team.poster, to: text)))
            }
        } catch let failure as StageScaffold.EditFailure {
            throw New.failure(failure.description)
        }
        if case .python = install {
            let folder = "stages/\(stage.id)/adapters/\(tool)"
            files["\(folder)/requirements.lock"] = try New.lock(requirements: files["\(folder)/requirements.in"]!)
        }
        try New.write(files, in: project.root)
        for (path, text) in edits { try Data(text.utf8).write(to: root.appendingPathComponent(path), options: .atomic) }
        print("created stages/\(stage.id)/adapters/\(tool)/: write each step in steps.py, add the tool's sourced facts to stages/\(stage.id)/stage.yaml, then 'bakeoff check'")
    }
}

extension New {
    static func failure(_ message: String) -> Error {
        Terminal.error("error: \(message)")
        return ExitCode(1)
    }

    static func write(_ files: [String: String], in root: String) throws {
        do {
            try StageScaffold.write(files, under: root)
        } catch let problem as StageScaffold.EditFailure {
            throw failure(problem.description)
        }
    }

    /// Locks the requirements with uv in a scratch folder, the way the bundled locks were made.
    static func lock(requirements: String) throws -> String {
        let scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("bakeoff-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data(requirements.utf8).write(to: scratch.appendingPathComponent("requirements.in"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = StageScaffold.lockCommand
        process.currentDirectoryURL = scratch
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { throw failure("cannot run uv to lock the requirements: \(error); install uv or use --debian PACKAGE") }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let text = try? String(contentsOf: scratch.appendingPathComponent("requirements.lock"), encoding: .utf8)
        else {
            throw failure("'\(StageScaffold.lockCommand.joined(separator: " "))' failed; nothing was written:\n\(String(decoding: message, as: UTF8.self))")
        }
        return text
    }
}
