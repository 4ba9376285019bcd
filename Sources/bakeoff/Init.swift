import ArgumentParser
import BakeoffCatalog
import BakeoffModel
import Foundation

/// `bakeoff init DIR`: a new project from the bundled catalog.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new project from the bundled catalog (asks on a terminal, or takes flags).",
        discussion: """
            By default the project gets every bundled stage and the course's rubric. --stage ID (repeatable) copies only \
            those stages (with the criteria they can measure and the integrations between them) and the generic \
            checklist; --empty starts from one blank stage with a sample adapter that runs. The catalog is found in \
            this order: --from DIR, $BAKEOFF_CATALOG, the nearest folder above this bakeoff holding \
            criteria/criteria.yaml and stages/, then share/bakeoff beside its bin/ folder.
            """)

    @Argument(help: "The folder to create (must not exist, or be empty).")
    var directory: String

    @Option(help: "The team's name.") var team: String?
    @Option(help: "startup | mid-size | enterprise") var company: String?
    @Option(name: .customLong("ds-team"), help: "experimentation | core | research") var dataScienceTeam: String?
    @Option(help: "The product the data scientists build.") var product: String?
    @Option(name: .customLong("member"), help: "A member's full name (repeat for each member).") var members: [String] = []
    @Option(help: "The weight profile (default: the one named after the company kind).") var profile: String?
    @Option(help: "Due date of the first check-in, YYYY-MM-DD (default: today); the others follow weekly.")
    var start: String?
    @Option(help: "The catalog to copy (default: $BAKEOFF_CATALOG, else the one bundled with this bakeoff).") var from: String?
    @Option(name: .customLong("stage"), help: "Copy only this bundled stage (repeat for each); the rubric is the generic checklist.")
    var stages: [String] = []
    @Flag(help: "No bundled stage: one blank stage with a sample adapter that runs (add more with 'bakeoff new').")
    var empty = false

    func validate() throws {
        if empty && !stages.isEmpty { throw ValidationError("--empty and --stage exclude each other") }
    }
    @Option(
        name: .customLong("due"),
        help: "Due date of the next check-in, YYYY-MM-DD, in schedule order (repeat; any gaps; the rest follow weekly).")
    var dueDates: [String] = []

    func run() throws {
        let interactive = isatty(STDIN_FILENO) == 1
        let ask = Prompter(interactive: interactive)
        let team = try ask.text("Team name", given: team)
        let company = try ask.choice("Company kind", given: company, CompanyKind.allCases.map(\.rawValue))
        let dsTeam = try ask.choice("Data-science team kind", given: dataScienceTeam, DataScienceTeamKind.allCases.map(\.rawValue))
        let product = try ask.text("Product", given: product)
        let names = members.isEmpty ? try ask.list("Members' full names, comma-separated") : members
        guard !names.isEmpty else { throw ValidationError("name at least one member with --member NAME") }
        var startDay = Day.today()
        if let start {
            guard let day = Day(start) else { throw ValidationError("--start '\(start)' is not a date; write YYYY-MM-DD") }
            startDay = day
        }
        let dues = try dueDates.map { text -> Day in
            guard let day = Day(text) else { throw ValidationError("--due '\(text)' is not a date; write YYYY-MM-DD") }
            return day
        }
        for (a, b) in zip(dues, dues.dropFirst()) where !(a < b) {
            throw ValidationError("--due \(b) is not after \(a); give the check-ins' due dates in order")
        }
        guard let catalog = from ?? ProjectScaffold.locateCatalog(executable: Self.executablePath) else {
            Terminal.error("error: the bundled catalog was not found next to this bakeoff; pass --from DIR or set BAKEOFF_CATALOG (a folder with criteria/ and stages/)")
            throw ExitCode(1)
        }
        var settings = ProjectScaffold.Settings(
            team: team, company: CompanyKind(rawValue: company)!, dataScienceTeam: DataScienceTeamKind(rawValue: dsTeam)!,
            product: product, members: names, profile: profile, start: dues.first ?? startDay, stages: stages.isEmpty ? nil : stages,
            empty: empty)
        settings.dueDates = dues
        do {
            try ProjectScaffold.create(at: directory, catalog: catalog, settings: settings)
        } catch ProjectScaffold.Failure.invalid(let diagnostics) {
            Terminal.printDiagnostics(diagnostics)
            Terminal.error("error: \(directory) was not created; fix the options above and run init again")
            throw ExitCode(1)
        } catch let failure as ProjectScaffold.Failure {
            Terminal.error("error: \(failure)")
            throw ExitCode(1)
        }
        // The new project must pass the same check a user runs next.
        do {
            let result = try ProjectLoader.load(root: URL(fileURLWithPath: directory).standardizedFileURL.path)
            Terminal.printDiagnostics(result.warnings)
        } catch {
            Terminal.printDiagnostics(error.diagnostics)
            throw ExitCode(1)
        }
        print("created \(directory): edit bakeoff.yaml, then run 'bakeoff check' and 'bakeoff build' there")
    }

    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

/// Asks for what a flag did not give, on a terminal; without one, a missing value is a usage error.
struct Prompter {
    let interactive: Bool

    func text(_ question: String, given: String?) throws -> String {
        if let given, !given.trimmingCharacters(in: .whitespaces).isEmpty { return given }
        guard interactive else { throw ValidationError("missing \(question.lowercased()): pass it as a flag (see --help)") }
        while true {
            FileHandle.standardError.write(Data("\(question): ".utf8))
            guard let line = readLine() else { throw ValidationError("no answer for \(question.lowercased())") }
            let answer = line.trimmingCharacters(in: .whitespaces)
            if !answer.isEmpty { return answer }
        }
    }

    func choice(_ question: String, given: String?, _ choices: [String]) throws -> String {
        if let given {
            guard choices.contains(given) else {
                throw ValidationError("'\(given)' is not a \(question.lowercased()); expected one of \(choices.joined(separator: ", "))")
            }
            return given
        }
        while true {
            let answer = try text("\(question) (\(choices.joined(separator: " | ")))", given: nil)
            if choices.contains(answer) { return answer }
            FileHandle.standardError.write(Data("expected one of \(choices.joined(separator: ", "))\n".utf8))
        }
    }

    func list(_ question: String) throws -> [String] {
        try text(question, given: nil).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
