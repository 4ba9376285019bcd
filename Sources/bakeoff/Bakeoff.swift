import ArgumentParser

/// The root command: lists the subcommands.
struct Bakeoff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bakeoff",
        abstract: "Choose an ML platform's tools on evidence: run, score, and report.",
        version: BakeoffVersion.current,
        subcommands: [
            Check.self, RunCommand.self, Score.self, Build.self, Evidence.self, Checkin.self, Slides.self, Init.self, New.self,
            Stack.self, Ci.self,
        ])
}

enum BakeoffVersion {
    static let current = "0.1.0"
}
