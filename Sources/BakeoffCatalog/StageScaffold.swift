import BakeoffFiles
import BakeoffModel
import Foundation

/// The files of a new stage and a new adapter (`bakeoff new stage`, `bakeoff new adapter`, `bakeoff init --empty`),
/// and the small edits that enrol a new candidate in `stage.yaml` and `bakeoff.yaml`.
///
/// Everything written here passes `bakeoff check` as it is: a stage starts with a one-step scenario and no
/// candidate; an adapter's steps run `steps.py` (the layout of docs/adapters.md), whose stubs report "not written
/// yet" as a failed step until they are filled in, so a run records them honestly instead of measuring nothing.
public enum StageScaffold {
    /// The one step a new stage's scenario starts with.
    static let step = "work"

    /// `stages/ID/stage.yaml` and `scenario.yaml` of a new stage, with no candidate yet.
    public static func stageFiles(id: String, order: Int) -> [String: String] {
        let title = id.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." }).joined(separator: " ")
        let stage = """
            # A stage of the project: its question and its candidates, each with sourced facts.
            title: \(ProjectScaffold.quote(title.prefix(1).uppercased() + title.dropFirst()))
            order: \(order)                              # position in the pipeline
            question: "Which tool should we choose for \(title)? (edit: the question the comparison answers)"
            # flow: {after: [STAGE]}              # optional: its place in the architecture diagram (default: after the previous stage)
            candidates: []                        # add one with: bakeoff new adapter \(id) TOOL

            """
        let scenario = """
            # The work every candidate of the stage does, as named steps. A step prints its metrics as one JSON
            # object on its last line of output; "ok": false marks it failed.
            description: Each candidate does the same work on the same input (edit the steps to the real work).
            parameters:
              size: {value: "200000", description: Items each step works on}   # BAKEOFF_PARAM_SIZE in the step
            steps:
              - id: \(step)
                title: Do the work
                timeout: 300
                metrics: {items: count}

            """
        return ["stages/\(id)/stage.yaml": stage, "stages/\(id)/scenario.yaml": scenario]
    }

    /// How a new adapter installs its tool.
    public enum Install: Sendable {
        /// A PyPI requirement, locked with uv for `pythonVersion`.
        case python(requirement: String)
        /// Debian packages already on the machine.
        case debian([String])
    }

    /// The Python a new Python adapter installs and locks for.
    public static let pythonVersion = "3.11"

    /// The adapter folder's files (relative to the project) for `tool` in a stage with these scenario steps;
    /// `working` gives the sample's steps.py, which really does the work, instead of stubs.
    public static func adapterFiles(
        stage: String, tool: String, steps: [String], install: Install, working: Bool = false
    ) -> [String: String] {
        let folder = "stages/\(stage)/adapters/\(tool)"
        let python: String
        var files: [String: String] = [:]
        var lines: [String]
        switch install {
        case .python(let requirement):
            python = "python"
            lines = ["install: {python: \"\(pythonVersion)\", requirements: requirements.in, lock: requirements.lock}"]
            files["\(folder)/requirements.in"] = requirement + "\n"
        case .debian(let packages):
            python = "python3"
            let list = packages.map { ProjectScaffold.quote($0) }.joined(separator: ", ")
            lines = [
                "install: {debian: [\(list)], version: [dpkg-query, -W, -f, \"${Version}\", \(ProjectScaffold.quote(packages[0]))]}"
            ]
        }
        lines += [
            "env: {PYTHONDONTWRITEBYTECODE: \"1\", DO_NOT_TRACK: \"1\"}   # {work}, {home}, {adapter} are substituted",
            "# code shared by the stage's adapters: put it in stages/\(stage)/common/ and add PYTHONPATH: \"{adapter}/../../common\"",
            "steps:",
        ]
        for step in steps { lines.append("  \(step): {run: [\(python), \"{adapter}/steps.py\", \(step)]}") }
        files["\(folder)/adapter.yaml"] = lines.joined(separator: "\n") + "\n"
        files["\(folder)/steps.py"] = working ? sampleSteps : stubSteps(tool: tool, steps: steps)
        return files
    }

    /// The sample adapter's steps: Python's own sort on a seeded list, so the scaffold runs with nothing installed.
    static let sampleSteps = """
        \"\"\"Sample adapter: Python's built-in sort on BAKEOFF_PARAM_SIZE seeded random numbers.

        Replace it with a real candidate's adapter (bakeoff new adapter STAGE TOOL writes one to fill in).
        \"\"\"
        import random

        from bakeoff_step import dispatch, done, param


        def work():
            size = param("size", 200000)
            rng = random.Random(626)
            items = [rng.random() for _ in range(size)]
            ordered = sorted(items)
            in_order = all(a <= b for a, b in zip(ordered, ordered[1:]))
            done(in_order, "the sorted list is out of order", items=len(ordered))


        dispatch(work)

        """

    static func stubSteps(tool: String, steps: [String]) -> String {
        let functions = steps.map { $0.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ".", with: "_") }
        var text = """
            \"\"\"\(tool): one function per scenario step (docs/adapters.md). Each ends with its verdict:
            done(ok, reason, **metrics), or unsupported(reason) when the tool cannot do the step here.

            Until a function is written, its step is recorded as failed with the reason below, never as measured.
            \"\"\"
            from bakeoff_step import dispatch, done



            """
        for (step, function) in zip(steps, functions) {
            text += """
                def \(function)():
                    done(False, "step \(step) is not written yet: edit steps.py")



                """
        }
        text += "dispatch(\(functions.joined(separator: ", ")))\n"
        return text
    }

    /// A candidate entry for stage.yaml.
    public static func candidateEntry(tool: String, name: String, homepage: String) -> String {
        """
          - id: \(tool)
            name: \(ProjectScaffold.quote(name))
            homepage: \(homepage)
            facts: {}                             # sourced facts: KEY: {value: V, source: URL, as_of: YYYY-MM-DD}

        """
    }

    /// Writes `stages/ID/` (`bakeoff new stage`): placed after the project's last stage.
    public static func addStage(_ id: String, to project: Project) throws {
        if project.stage(id) != nil { throw EditFailure(description: "stage '\(id)' exists already") }
        let order = (project.stages.map(\.order).max() ?? 0) + 1
        try write(stageFiles(id: id, order: order), under: project.root)
    }

    /// Adds `tool` to `stage` (`bakeoff new adapter`): its adapter folder, its entry in the stage's candidates
    /// (unless it is one already) and its assessment by the team's poster in `bakeoff.yaml`. A Python tool's
    /// requirements.in is locked by `lock` (text in, lock file's text out). Every edit and the lock are made
    /// before anything is written, so a failure changes nothing.
    public static func addAdapter(
        tool: String, to stage: Stage, of project: Project, name: String?, homepage: String?, install: Install,
        lock: (_ requirements: String) throws -> String
    ) throws {
        let folder = "stages/\(stage.id)/adapters/\(tool)"
        if stage.adapter(for: tool) != nil { throw EditFailure(description: "\(folder) exists already") }
        var files = adapterFiles(stage: stage.id, tool: tool, steps: stage.scenario?.steps.map(\.id) ?? [], install: install)
        let root = URL(fileURLWithPath: project.root)
        var edits: [String: String] = [:]
        if stage.candidate(tool) == nil {
            let path = "stages/\(stage.id)/stage.yaml"
            let page: String
            switch install {
            case .python: page = homepage ?? "https://pypi.org/project/\(tool)/"
            case .debian(let packages): page = homepage ?? "https://packages.debian.org/stable/\(packages[0])"
            }
            let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            edits[path] = try addingCandidate(candidateEntry(tool: tool, name: name ?? tool, homepage: page), to: text, file: path)
        }
        if !(project.team.assignment(for: stage.id)?.candidates.contains { $0.tool == tool } ?? false) {
            let text = try String(contentsOf: root.appendingPathComponent("bakeoff.yaml"), encoding: .utf8)
            edits["bakeoff.yaml"] = try addingAssessment(stage: stage.id, tool: tool, assessor: project.team.poster, to: text)
        }
        if case .python = install { files["\(folder)/requirements.lock"] = try lock(files["\(folder)/requirements.in"]!) }
        try write(files, under: project.root)
        for (path, text) in edits.sorted(by: { $0.key < $1.key }) {
            try AtomicFile.write(text, to: root.appendingPathComponent(path).path)
        }
    }

    /// What went wrong editing a file we did not write in the expected shape.
    public struct EditFailure: Error, CustomStringConvertible {
        public var description: String
    }

    /// `stage.yaml` with the candidate added: after `candidates: []`, or at the end when `candidates:` is the last key.
    public static func addingCandidate(_ entry: String, to text: String, file: String) throws(EditFailure) -> String {
        var lines = text.components(separatedBy: "\n")
        if let i = lines.firstIndex(where: { $0.hasPrefix("candidates: []") }) {
            lines[i] = "candidates:"
            lines.insert(contentsOf: entry.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init), at: i + 1)
            return lines.joined(separator: "\n")
        }
        let topLevel = lines.enumerated().filter { !$0.element.isEmpty && !$0.element.hasPrefix(" ") && !$0.element.hasPrefix("#") }
        guard let last = topLevel.last, last.element.hasPrefix("candidates:") else {
            throw EditFailure(description: "\(file): 'candidates:' is not the last key, so the new candidate cannot be appended; add it to the candidates list by hand:\n\(entry)")
        }
        let body = text.hasSuffix("\n") ? text : text + "\n"
        return body + entry
    }

    /// `bakeoff.yaml` with `tool: [assessor]` added to the stage's block under `stages:` (the block is added when
    /// the stage is not assessed yet).
    public static func addingAssessment(
        stage: String, tool: String, assessor: String, to text: String
    ) throws(EditFailure) -> String {
        var lines = text.components(separatedBy: "\n")
        let isTop = { (line: String) in !line.isEmpty && !line.hasPrefix(" ") && !line.hasPrefix("#") }
        guard let start = lines.firstIndex(where: { $0.hasPrefix("stages:") }), lines[start].trimmingCharacters(in: .whitespaces) == "stages:"
        else {
            throw EditFailure(description: "bakeoff.yaml: no 'stages:' block to add '\(tool)' to; add under stages: \(stage): {\(tool): [\(assessor)]}")
        }
        let end = lines[(start + 1)...].firstIndex(where: isTop) ?? lines.count
        let entry = "    \(tool): [\(assessor)]"
        if let block = lines[(start + 1)..<end].firstIndex(where: { $0.hasPrefix("  \(stage):") }) {
            guard lines[block].trimmingCharacters(in: .whitespaces) == "\(stage):" else {
                throw EditFailure(description: "bakeoff.yaml: stages.\(stage) is not written one candidate a line; add '\(tool): [\(assessor)]' to it by hand")
            }
            var last = block
            while last + 1 < end, lines[last + 1].hasPrefix("    ") { last += 1 }
            lines.insert(entry, at: last + 1)
        } else {
            var last = end
            while last - 1 > start, lines[last - 1].trimmingCharacters(in: .whitespaces).isEmpty { last -= 1 }
            lines.insert(contentsOf: ["  \(stage):", entry], at: last)
        }
        return lines.joined(separator: "\n")
    }

    /// Writes `files` (relative path → text) under `root`, refusing to replace any file that exists, all or nothing.
    public static func write(_ files: [String: String], under root: String) throws {
        let fm = FileManager.default
        let base = URL(fileURLWithPath: root)
        for path in files.keys.sorted() where fm.fileExists(atPath: base.appendingPathComponent(path).path) {
            throw EditFailure(description: "\(path) exists already; nothing was written")
        }
        var written: [URL] = []
        do {
            for (path, text) in files.sorted(by: { $0.key < $1.key }) {
                let url = base.appendingPathComponent(path)
                try AtomicFile.write(text, to: url.path, replacing: false)
                written.append(url)
            }
        } catch {
            for url in written { try? fm.removeItem(at: url) }
            if error.exists { throw EditFailure(description: "\(error.path) exists already; nothing was written") }
            throw error
        }
    }
}
