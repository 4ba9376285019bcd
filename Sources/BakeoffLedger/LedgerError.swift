/// A problem with the ledger or a run file: which file, what is wrong, and what to do about it.
public struct LedgerError: Error, CustomStringConvertible, Equatable {
    /// The file the problem is in (the ledger or a run file), as the caller named it.
    public var file: String
    /// What is wrong.
    public var problem: String
    /// What the user can do about it.
    public var remedy: String

    public init(file: String, problem: String, remedy: String) {
        self.file = file
        self.problem = problem
        self.remedy = remedy
    }

    /// `FILE: what is wrong; what to do`, ready to follow `error: `.
    public var description: String { "\(file): \(problem); \(remedy)" }
}
