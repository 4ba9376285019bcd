import ArgumentParser

/// `bakeoff build`: placeholder until its issue lands.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Render the site, charts, diagrams, posts and slides into reports/. (not available yet)")

    @OptionGroup var options: ProjectOptions

    func run() throws {
        Terminal.error("error: 'bakeoff build' is not available yet")
        throw ExitCode(1)
    }
}
