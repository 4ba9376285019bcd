import ArgumentParser

/// `bakeoff init`: placeholder until its issue lands.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start a new project from the bundled catalog. (not available yet)")

    @OptionGroup var options: ProjectOptions

    func run() throws {
        Terminal.error("error: 'bakeoff init' is not available yet")
        throw ExitCode(1)
    }
}
