/// How much of a stage's scenario a tool did: "steps done k of n", with what stopped the others.
public struct Coverage: Hashable, Codable, Sendable {
    /// Steps whose every observation in the tool's run is `ok`.
    public var done: Int
    /// The scenario's steps.
    public var total: Int
    /// Step id → the worst outcome of a step that was not done (`unsupported`, `failed`, `timeout`, `skipped`,
    /// or `not run` when the run holds no observation of it).
    public var notDone: [String: String]

    public init(done: Int, total: Int, notDone: [String: String]) {
        self.done = done
        self.total = total
        self.notDone = notDone
    }

    /// Counts the steps done from each step's observations (one tool, one run).
    public static func count(steps: [String], observations: (String) -> [Observation]) -> Coverage {
        var done = 0
        var notDone: [String: String] = [:]
        for step in steps {
            let observed = observations(step)
            if !observed.isEmpty, observed.allSatisfy({ $0.status == .ok }) {
                done += 1
            } else {
                notDone[step] = ObservationStatus.worst(observed.map(\.status)).map(\.rawValue) ?? "not run"
            }
        }
        return Coverage(done: done, total: steps.count, notDone: notDone)
    }

    /// `5 of 8 steps done`.
    public var text: String { "\(done) of \(total) steps done" }
}
