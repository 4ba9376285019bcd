import ArgumentParser

/// `bakeoff checkin`: placeholder until its issue lands.
struct Checkin: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print one weekly check-in post. (not available yet)")

    @OptionGroup var options: ProjectOptions

    func run() throws {
        Terminal.error("error: 'bakeoff checkin' is not available yet")
        throw ExitCode(1)
    }
}
