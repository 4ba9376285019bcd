import ArgumentParser

/// `bakeoff slides`: placeholder until its issue lands.
struct Slides: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the talk's timing plan. (not available yet)")

    @OptionGroup var options: ProjectOptions

    func run() throws {
        Terminal.error("error: 'bakeoff slides' is not available yet")
        throw ExitCode(1)
    }
}
