import BakeoffModel

/// The course's rules the deliverables check against, read through one accessor each so they can come from
/// the project's rubric data instead of literals.
public enum CourseRules {
    /// The team size the course asks for (3–4 members).
    public static func teamSize(for project: Project) -> ClosedRange<Int> { 3...4 }
}
