import ArgumentParser

/// `bakeoff evidence`: placeholder until its issue lands.
struct Evidence: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List, export and import recorded runs. (not available yet)")

    @OptionGroup var options: ProjectOptions

    func run() throws {
        Terminal.error("error: 'bakeoff evidence' is not available yet")
        throw ExitCode(1)
    }
}
