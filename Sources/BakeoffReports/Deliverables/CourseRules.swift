import BakeoffModel

/// The course's rules the deliverables check against, read through one accessor each from the project's rubric
/// data (`rubric:` in bakeoff.yaml), never from literals.
public enum CourseRules {
    /// The team size the rubric asks for (the course's is 3–4); nil when it asks for none.
    public static func teamSize(for project: Project) -> ClosedRange<Int>? { project.rubric.teamSize }
}
