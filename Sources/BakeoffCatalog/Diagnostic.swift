import BakeoffModel

/// One problem found in the project's files, located by file, line and column.
public struct Diagnostic: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    public var severity: Severity
    /// Path relative to the project root.
    public var file: String
    public var line: Int
    public var column: Int
    /// Dotted key path of the offending value (`tools.mlflow.license`), empty for the whole file.
    public var path: String
    /// What is wrong.
    public var message: String
    /// What to do about it.
    public var hint: String?

    public init(
        severity: Severity = .error, file: String, line: Int, column: Int, path: String, message: String,
        hint: String? = nil
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        // Messages quote the user's values; whatever the call site did, each quoted value is cut short and
        // its control characters shown, so a 2 MB scalar or a name holding a newline stays one short line.
        self.path = Echo.quotedValues(path)
        self.message = Echo.quotedValues(message)
        self.hint = hint.map { Echo.quotedValues($0) }
    }

    /// `error: FILE:LINE:COL: key.path: what is wrong; what to do`.
    public var description: String {
        var text = "\(severity.rawValue): \(file):\(line):\(column): "
        if !path.isEmpty { text += "\(path): " }
        text += message
        if let hint { text += "; \(hint)" }
        return text
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.file, a.line, a.column, a.path, a.message) < (b.file, b.line, b.column, b.path, b.message)
    }
}

/// Collects every problem while loading, so the user sees them all at once.
final class DiagnosticCollector {
    private(set) var items: [Diagnostic] = []

    func add(_ diagnostic: Diagnostic) { items.append(diagnostic) }

    /// Another collector's items, after this one's.
    func add(contentsOf other: DiagnosticCollector) { items += other.items }

    var hasErrors: Bool { items.contains { $0.severity == .error } }
}

/// Loading failed; `diagnostics` holds every problem found, sorted by file and position.
public struct CatalogError: Error, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics.sorted() }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
