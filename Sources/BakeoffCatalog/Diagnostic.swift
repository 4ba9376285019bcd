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
        self.path = path
        self.message = message
        self.hint = hint
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

    var hasErrors: Bool { items.contains { $0.severity == .error } }
}

/// Loading failed; `diagnostics` holds every problem found, sorted by file and position.
public struct CatalogError: Error, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics.sorted() }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Suggests the closest known word for a misspelt one.
enum Spelling {
    static func suggestion(for word: String, among candidates: some Sequence<String>) -> String? {
        let limit = max(1, min(3, word.count / 3))
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(word.lowercased(), candidate.lowercased())
            if d <= limit, best == nil || d < best!.1 || (d == best!.1 && candidate < best!.0) {
                best = (candidate, d)
            }
        }
        return best?.0
    }

    /// Edit distance counting a swap of two neighbours as one edit (optimal string alignment).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }

    /// `; did you mean 'x'?` style hint, or a list of what is allowed.
    static func hint(for word: String, among candidates: [String], what: String) -> String {
        if let s = suggestion(for: word, among: candidates) { return "did you mean '\(s)'?" }
        let sorted = candidates.sorted()
        let shown = sorted.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
        return sorted.isEmpty ? "no \(what) is defined" : "expected one of \(shown)\(sorted.count > 12 ? ", …" : "")"
    }
}
