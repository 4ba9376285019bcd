import ArgumentParser

/// `bakeoff score`: placeholder until its issue lands.
struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Score the candidates under a weight profile. (not available yet)")

    @OptionGroup var options: ProjectOptions

    func run() throws {
        Terminal.error("error: 'bakeoff score' is not available yet")
        throw ExitCode(1)
    }
}
