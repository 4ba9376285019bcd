import ArgumentParser

/// `bakeoff run`: placeholder until its issue lands.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Install, execute and record the scenarios against the real tools. (not available yet)")

    @OptionGroup var options: ProjectOptions

    func run() throws {
        Terminal.error("error: 'bakeoff run' is not available yet")
        throw ExitCode(1)
    }
}
