import BakeoffModel
import Foundation
import Yams

/// One parsed YAML file: its root node plus the collector its readers report into.
final class YAMLFile {
    let path: String
    let diagnostics: DiagnosticCollector

    init(path: String, diagnostics: DiagnosticCollector) {
        self.path = path
        self.diagnostics = diagnostics
    }

    /// Reads and parses the file at `absolute`; reports a located error and returns nil when it cannot.
    static func load(absolute: String, relative: String, diagnostics: DiagnosticCollector) -> YAMLValue? {
        let file = YAMLFile(path: relative, diagnostics: diagnostics)
        guard let data = FileManager.default.contents(atPath: absolute) else {
            file.report(line: 1, column: 1, path: "", "cannot read the file", hint: "check that it exists and is readable")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            file.report(line: 1, column: 1, path: "", "the file is not valid UTF-8", hint: "save it as UTF-8")
            return nil
        }
        do {
            // Scalars are typed by YAMLValue, from their text (the basic resolver). The encoding is given: Yams's
            // default reads the whole environment on every file, and prints to stdout when YAMS_DEFAULT_ENCODING is
            // set, which would land in `score --format json`.
            guard let root = try Yams.compose(yaml: text, .basic, .default, .utf8) else {
                file.report(line: 1, column: 1, path: "", "the file is empty", hint: "see the README for its format")
                return nil
            }
            return YAMLValue(node: root, path: "", file: file)
        } catch let error as YamlError {
            file.reportSyntax(error)
            return nil
        } catch {
            file.report(line: 1, column: 1, path: "", "cannot parse YAML: \(error)", hint: nil)
            return nil
        }
    }

    func report(
        _ severity: Diagnostic.Severity = .error, line: Int, column: Int, path: String, _ message: String,
        hint: String?
    ) {
        diagnostics.add(
            Diagnostic(
                severity: severity, file: self.path, line: line, column: column, path: path, message: message,
                hint: hint))
    }

    private func reportSyntax(_ error: YamlError) {
        let fix = "fix the YAML syntax"
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let where_ = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            report(line: mark.line, column: mark.column, path: "", "YAML syntax error: \(problem)\(where_)", hint: fix)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            report(
                line: context.mark.line, column: context.mark.column, path: "", "duplicate key \(keys) in a mapping",
                hint: "keep one of them")
        case .reader(let problem, _, _, _):
            report(line: 1, column: 1, path: "", "cannot read YAML: \(problem)", hint: "save the file as UTF-8")
        default:
            report(line: 1, column: 1, path: "", "cannot parse YAML: \(error)", hint: fix)
        }
    }
}

/// A YAML node with its key path and file, whose accessors report type errors where they occur.
struct YAMLValue {
    let node: Node
    let path: String
    let file: YAMLFile

    var line: Int { node.mark?.line ?? 1 }
    var column: Int { node.mark?.column ?? 1 }

    func child(_ key: String, _ node: Node) -> YAMLValue {
        YAMLValue(node: node, path: path.isEmpty ? key : "\(path).\(key)", file: file)
    }

    func element(_ index: Int, _ node: Node) -> YAMLValue {
        YAMLValue(node: node, path: "\(path)[\(index)]", file: file)
    }

    /// Reports a problem at this value.
    func error(_ message: String, hint: String? = nil) {
        file.report(line: line, column: column, path: path, message, hint: hint)
    }

    func warning(_ message: String, hint: String? = nil) {
        file.report(.warning, line: line, column: column, path: path, message, hint: hint)
    }

    private var kindName: String {
        switch node {
        case .scalar(let s): s.string.isEmpty || s.string == "~" || s.string == "null" ? "nothing" : "'\(Echo.value(s.string))'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    private var plainScalar: String? {
        guard case .scalar(let s) = node else { return nil }
        return s.string
    }

    private var isQuoted: Bool {
        guard case .scalar(let s) = node else { return false }
        return s.style == .singleQuoted || s.style == .doubleQuoted
    }

    // MARK: scalars

    /// A non-empty string; numbers and dates written plainly are accepted as their text.
    func string(allowEmpty: Bool = false) -> String? {
        guard let text = plainScalar, !(text == "~" || text == "null") || isQuoted else {
            error("expected a string, got \(kindName)", hint: "write the text on the same line, in quotes if it starts with [ or {")
            return nil
        }
        // Any printable ASCII character means something is left once the white space is trimmed: the common case,
        // decided without Foundation's trimming (a measurable part of loading a project's facts).
        if !allowEmpty && !text.utf8.contains(where: { $0 > 0x20 && $0 < 0x7F })
            && text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        {
            error("expected a non-empty string", hint: "write a value or remove the key")
            return nil
        }
        return text
    }

    /// A name shown on one line in every output (a member, a tool): a string without control characters.
    func name() -> String? {
        guard let text = string() else { return nil }
        guard !text.unicodeScalars.contains(where: Echo.isControl) else {
            // Reported, and still returned: the load fails, without follow-on errors about an unknown member.
            error("'\(Echo.value(text))' holds a control character", hint: "write the name on one line, without tabs or line breaks")
            return text
        }
        return text
    }

    func double() -> Double? {
        guard let text = plainScalar, !isQuoted, let value = Double(text.replacingOccurrences(of: "_", with: "")),
            value.isFinite
        else {
            error(
                "expected a number, got \(kindName)",
                hint: isQuoted && plainScalar.flatMap { Double($0) } != nil
                    ? "remove the quotes: a number is written bare, e.g. \(plainScalar ?? "")" : "write a number such as 30 or 2.5")
            return nil
        }
        return value
    }

    func nonNegativeDouble() -> Double? {
        guard let value = double() else { return nil }
        guard value >= 0 else {
            error("expected a number ≥ 0, got \(Numbers.format(value))", hint: "write 0 or a positive number")
            return nil
        }
        return value
    }

    func int(min: Int? = nil) -> Int? {
        guard let text = plainScalar, !isQuoted, let value = Int(text) else {
            error(
                "expected a whole number, got \(kindName)",
                hint: isQuoted && plainScalar.flatMap { Int($0) } != nil
                    ? "remove the quotes: a number is written bare, e.g. \(plainScalar ?? "")" : "write a whole number such as 3")
            return nil
        }
        if let min, value < min {
            error("expected a whole number ≥ \(min), got \(value)", hint: "write \(min) or more")
            return nil
        }
        return value
    }

    func bool() -> Bool? {
        switch isQuoted ? nil : plainScalar {
        case "true": return true
        case "false": return false
        default:
            error("expected true or false, got \(kindName)", hint: "write true or false, without quotes")
            return nil
        }
    }

    func day() -> Day? {
        guard let text = plainScalar else {
            error("expected a date YYYY-MM-DD, got \(kindName)", hint: "write it as YYYY-MM-DD, e.g. 2026-11-29")
            return nil
        }
        guard let day = Day(text) else {
            error("'\(Echo.value(text))' is not a date", hint: "write it as YYYY-MM-DD, e.g. 2026-11-29")
            return nil
        }
        return day
    }

    func url() -> String? {
        guard let text = string() else { return nil }
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), !Self.containsWhitespace(text),
            let components = URLComponents(string: text), let host = components.host, !host.isEmpty
        else {
            error("'\(Echo.value(text))' is not an http(s) URL", hint: "give a link a reader can open, starting with https://")
            return nil
        }
        return text
    }

    /// Whether any character is white space; ASCII text (nearly every link) is checked byte by byte, where the
    /// white-space characters are exactly tab to carriage return and the space.
    static func containsWhitespace(_ text: String) -> Bool {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.contains(where: \.isWhitespace) }
        return text.utf8.contains { (0x09...0x0D).contains($0) || $0 == 0x20 }
    }

    /// A value from a closed set of words.
    func oneOf<T>(_ choices: [(String, T)], what: String) -> T? {
        guard let text = string() else { return nil }
        if let match = choices.first(where: { $0.0 == text }) { return match.1 }
        error("unknown \(what) '\(Echo.value(text))'", hint: Spelling.hint(for: text, among: choices.map(\.0), what: what))
        return nil
    }

    /// A `m:ss` duration or a number of seconds.
    func seconds() -> Int? {
        guard let text = plainScalar else {
            error("expected a duration such as 5:00, got \(kindName)", hint: "write minutes and seconds, e.g. 5:00")
            return nil
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, let m = Int(parts[0]), let s = Int(parts[1]), m >= 0, (0..<60).contains(s),
            parts[1].count == 2
        {
            return m * 60 + s
        }
        if parts.count == 1, let s = Int(text), s >= 0 { return s }
        error("'\(Echo.value(text))' is not a duration", hint: "write minutes and seconds, e.g. 5:00")
        return nil
    }

    // MARK: collections

    func sequence() -> [YAMLValue]? {
        guard case .sequence(let seq) = node else {
            error("expected a list, got \(kindName)", hint: "write one item per line after '- ', or [a, b]")
            return nil
        }
        return seq.enumerated().map { element($0.offset, $0.element) }
    }

    func stringList() -> [String]? {
        guard let items = sequence() else { return nil }
        let strings = items.compactMap { $0.string() }
        return strings.count == items.count ? strings : nil
    }

    /// A mapping whose keys must be among `keys`; reports unknown keys (with a did-you-mean) and missing required ones.
    func mapping(required: [String] = [], optional: [String] = []) -> YAMLMapping? {
        guard let entries = entries() else { return nil }
        let known = required + optional
        var values: [String: YAMLValue] = [:]
        for (key, value) in entries {
            if known.contains(key.text) {
                values[key.text] = value
            } else {
                key.error("unknown key '\(Echo.value(key.text))'", hint: Spelling.hint(for: key.text, among: known, what: "key"))
            }
        }
        for key in required where values[key] == nil {
            error("missing required key '\(key)'", hint: "add '\(key):'")
        }
        return YAMLMapping(owner: self, values: values)
    }

    /// A free-form mapping (ids → values), in file order; keys must be non-empty strings.
    func entries() -> [(key: YAMLKey, value: YAMLValue)]? {
        guard case .mapping(let mapping) = node else {
            error("expected a mapping, got \(kindName)", hint: "write one 'key: value' per line, indented under this key")
            return nil
        }
        var result: [(key: YAMLKey, value: YAMLValue)] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let s) = keyNode, !s.string.isEmpty else {
                YAMLValue(node: keyNode, path: path, file: file).error("expected a plain key", hint: "write a non-empty word before the colon")
                continue
            }
            let value = child(s.string, valueNode)
            result.append((YAMLKey(text: s.string, value: YAMLValue(node: keyNode, path: value.path, file: file)), value))
        }
        return result
    }
}

/// A mapping key, located.
struct YAMLKey {
    let text: String
    let value: YAMLValue

    func error(_ message: String, hint: String? = nil) { value.error(message, hint: hint) }
}

/// The known keys of a mapping, read after unknown and missing keys were reported.
struct YAMLMapping {
    let owner: YAMLValue
    let values: [String: YAMLValue]

    subscript(key: String) -> YAMLValue? { values[key] }
}

/// Checks that ids are well-formed and unique within one list.
struct IdentifierRegistry {
    private(set) var seen: [String: YAMLValue] = [:]
    let what: String

    init(what: String) { self.what = what }

    /// Records `id`; reports a malformed or duplicate id and returns false for it.
    mutating func register(_ id: String, at value: YAMLValue) -> Bool {
        guard Identifier.isValid(id) else {
            value.error(
                "'\(id)' is not a valid \(what) id",
                hint: "use lower-case letters, digits, '-', '_' or '.', starting with a letter or digit")
            return false
        }
        if let first = seen[id] {
            value.error("duplicate \(what) id '\(id)'", hint: "it is already used at line \(first.line); ids must be unique")
            return false
        }
        seen[id] = value
        return true
    }
}

/// The rule for ids: they become file names and URL fragments, so they are kept simple.
public enum Identifier {
    public static func isValid(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, id.count <= 64 else { return false }
        let allowed = { (c: Unicode.Scalar) in
            ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "-" || c == "_" || c == "."
        }
        return id.unicodeScalars.allSatisfy(allowed) && first != "-" && first != "." && first != "_"
    }
}
