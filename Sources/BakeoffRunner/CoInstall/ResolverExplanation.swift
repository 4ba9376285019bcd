import BakeoffModel
import Foundation

/// uv's "No solution found" explanation, read into the packages the requirements disagree on.
///
/// uv (PubGrub) explains a failure as a derivation: sentences "Because P and Q, we can conclude that C."
/// whose premises are facts of three kinds: "A depends on B", "you require A", and "only / no version of
/// A is available". A package is in conflict when the derivation puts two or more different demands on
/// it; each demand is traced back through the "depends on" facts to the requirement, and so the tool,
/// it comes from.
public struct ResolverExplanation: Hashable, Sendable {
    /// The explanation as uv printed it, after `cause:`, with the continuation indent removed.
    public var text: String
    /// The facts the derivation states, in order.
    var statements: [Statement]

    /// Reads uv's stderr; nil when it holds no "No solution found" explanation.
    public init?(uvOutput: String) {
        guard let lines = Self.causeLines(Self.removingEscapes(uvOutput)) else { return nil }
        text = lines.joined(separator: "\n")
        statements = Self.statements(in: lines)
    }

    /// The conflicts, sorted by package, each demand attributed to the tools whose requirements lead to it.
    public func conflicts(requirements: CoInstallRequirements) -> [CoInstallConflict] {
        var edges: [String: [String: (parent: Spec, children: [Spec])]] = [:]
        var roots: [Spec] = []
        var unavailable: [String: String] = [:]
        var pythonRequested: String?
        for statement in statements {
            switch statement {
            case .dependency(let parents, let children):
                // "all of: A B depend on …" names one package over several ranges: keep them together.
                guard let parent = parents.first else { continue }
                let shown = Spec(
                    text: parents.map(\.text).joined(separator: " | "), name: parent.name,
                    specifier: parents.map(\.specifier).joined(separator: " | "))
                for name in Set(children.map(\.name)) {
                    // A later statement about the same pair summarizes the earlier ones.
                    edges[name, default: [:]][parent.name] = (shown, children.filter { $0.name == name })
                }
            case .requirement(let specs):
                for spec in specs where !roots.contains(spec) { roots.append(spec) }
            case .unavailable(let spec, let reason):
                unavailable[spec.name] = reason
            case .pythonVersion(let requested):
                pythonRequested = requested
            }
        }
        var names = Set(edges.keys).union(roots.map(\.name)).union(unavailable.keys)
        if pythonRequested != nil { names.insert("python") }

        var conflicts: [CoInstallConflict] = []
        for name in names.sorted() {
            var demands: [ConflictDemand] = []
            for (parentName, edge) in (edges[name] ?? [:]).sorted(by: { $0.key < $1.key }) where parentName != name {
                var visited: Set<String> = [name]
                let (tools, path) = trace(parentName, edges: edges, requirements: requirements, visited: &visited)
                demands.append(
                    ConflictDemand(
                        source: .dependency, tools: tools,
                        requirement: edge.children.map(\.text).joined(separator: " | "),
                        wants: edge.children.map(\.wanted).joined(separator: " or "), via: path + [edge.parent.text]))
            }
            demands += rootDemands(roots.filter { $0.name == name }, requirements: requirements)
            if let reason = unavailable[name] {
                demands.append(ConflictDemand(source: .index, tools: [], requirement: reason, wants: reason, via: []))
            }
            if name == "python", let pythonRequested {
                demands.append(
                    ConflictDemand(
                        source: .python, tools: [], requirement: "Python\(pythonRequested)", wants: pythonRequested,
                        via: []))
            }
            let merged = Self.merging(demands)
            if merged.count >= 2 { conflicts.append(CoInstallConflict(package: name, demands: merged)) }
        }
        return conflicts
    }

    /// The tools a package's presence traces back to, and the dependency path from their requirement.
    private func trace(
        _ name: String, edges: [String: [String: (parent: Spec, children: [Spec])]],
        requirements: CoInstallRequirements, visited: inout Set<String>
    ) -> (tools: [String], path: [String]) {
        let direct = requirements.tools(requiring: name)
        if !direct.isEmpty { return (direct, []) }
        visited.insert(name)
        for (parentName, edge) in (edges[name] ?? [:]).sorted(by: { $0.key < $1.key })
        where !visited.contains(parentName) {
            let (tools, path) = trace(parentName, edges: edges, requirements: requirements, visited: &visited)
            if !tools.isEmpty { return (tools, path + [edge.parent.text]) }
        }
        return ([], [])
    }

    /// Demands stated as "you require": each attributed to the tools whose line has that specifier.
    private func rootDemands(_ specs: [Spec], requirements: CoInstallRequirements) -> [ConflictDemand] {
        guard let name = specs.first?.name else { return [] }
        let owners = requirements.lines.filter { $0.name == name }
        let exact = Set(specs.map(\.specifier))
        return specs.map { spec in
            // uv rewrites some specifiers (`~=1.16.0` becomes `>=1.16.0,<1.17.dev0`); lines it rewrote are
            // the ones no spec matches exactly.
            var tools = unique(owners.filter { $0.specifier == spec.specifier }.map(\.tool))
            if tools.isEmpty { tools = unique(owners.filter { !exact.contains($0.specifier) }.map(\.tool)) }
            if tools.isEmpty { tools = unique(owners.map(\.tool)) }
            return ConflictDemand(
                source: .requirement, tools: tools, requirement: spec.text, wants: spec.wanted, via: [])
        }
    }

    /// One demand per tool set and wanted range: the same range reached twice keeps the longer path.
    static func merging(_ demands: [ConflictDemand]) -> [ConflictDemand] {
        var byKey: [String: ConflictDemand] = [:]
        for demand in demands {
            let who =
                demand.tools.isEmpty
                ? "\(demand.source.rawValue):\(demand.via.joined(separator: ">"))" : demand.tools.joined(separator: ",")
            let key = who + "\u{1}" + demand.wants
            if let kept = byKey[key], kept.via.count >= demand.via.count { continue }
            byKey[key] = demand
        }
        return byKey.values.sorted()
    }

    private func unique(_ items: [String]) -> [String] {
        var seen: [String] = []
        for item in items where !seen.contains(item) { seen.append(item) }
        return seen
    }
}

// MARK: - reading the text

extension ResolverExplanation {
    /// A package with a version range, as uv prints it (`fastapi[standard]>=0.129.0,<0.137.0`).
    struct Spec: Hashable, Sendable {
        var text: String
        /// Normalized distribution name (`python` for `Python>=3.12`).
        var name: String
        /// The specifier alone, lower case, no spaces; empty for "any version".
        var specifier: String

        init(text: String, name: String, specifier: String) {
            self.text = text
            self.name = name
            self.specifier = specifier
        }

        init(token: String) {
            var token = token
            while token.hasSuffix(",") { token.removeLast() }
            text = token
            // Markers print in braces (`numpy{python_full_version >= '3.12'}`); they do not name versions.
            var bare = ""
            var depth = 0
            for c in token {
                if c == "{" { depth += 1 } else if c == "}" { depth -= 1 } else if depth == 0 { bare.append(c) }
            }
            let nameEnd = bare.firstIndex { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
                ?? bare.endIndex
            name = CoInstallRequirements.normalize(String(bare[..<nameEnd]))
            var rest = bare[nameEnd...]
            if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") { rest = rest[rest.index(after: close)...] }
            specifier = rest.filter { $0 != " " }.lowercased()
        }

        /// The specifier in words for a reader.
        var wanted: String { specifier.isEmpty ? "any version" : specifier }
    }

    /// One fact of the derivation.
    enum Statement: Hashable, Sendable {
        /// `A depends on B`, `A depends on one of: B C`, `all of: A1 A2 depend on one of: B C`.
        case dependency(parents: [Spec], children: [Spec])
        /// `you require A, B and C` (stated as a premise: conclusions of this form are derived, not required).
        case requirement([Spec])
        /// `only A<=2 is available`, `there is no version of A==9`, `A was not found in the package registry`.
        case unavailable(Spec, reason: String)
        /// `the requested Python version (>=3.11) does not satisfy Python>=3.12`.
        case pythonVersion(requested: String)
    }

    static func removingEscapes(_ text: String) -> String {
        var result = ""
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if (0x40...0x7E).contains(scalar.value), scalar != "[" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" {
                inEscape = true
                continue
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// The lines of the explanation: from `cause:` (uv 0.13) or `╰─▶` (older uv) through every indented or
    /// empty line after it, dedented; nil when there is none.
    static func causeLines(_ output: String) -> [String]? {
        let lines = output.replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let header = lines.firstIndex(where: { $0.contains("No solution found") }) else { return nil }
        var start: Int?
        var column = 0
        var first = ""
        for index in header..<lines.count {
            let line = lines[index]
            guard let marker = ["cause:", "╰─▶"].lazy.compactMap({ line.range(of: $0) }).first else { continue }
            let before = line[..<marker.lowerBound]
            guard before.allSatisfy({ $0 == " " || $0 == "\t" }) else { continue }
            let after = line[marker.upperBound...]
            let text = after.drop { $0 == " " }
            column = line.distance(from: line.startIndex, to: text.startIndex)
            first = String(text)
            start = index
            break
        }
        guard let start else { return nil }
        var result = [first]
        for line in lines[(start + 1)...] {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                result.append("")
                continue
            }
            guard line.first == " " || line.first == "\t" else { break }
            var dropped = 0
            let dedented = line.drop { c in
                guard dropped < column, c == " " || c == "\t" else { return false }
                dropped += 1
                return true
            }
            result.append(String(dedented))
        }
        while result.last == "" { result.removeLast() }
        return result.map { line in
            var line = line
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The premises and conclusions of every sentence, in order.
    static func statements(in lines: [String]) -> [Statement] {
        // Lines wrap at the terminal width and lists continue on their own lines: read it as one paragraph.
        let paragraph = lines.map { $0.trimmingSpaces }.filter { !$0.isEmpty }.joined(separator: " ")
        var result: [Statement] = []
        for (premises, conclusion) in sentences(paragraph) {
            for clause in clauses(premises) {
                if let statement = statement(clause, derived: false) { result.append(statement) }
            }
            if let statement = statement(conclusion, derived: true) { result.append(statement) }
        }
        return result
    }

    /// Splits "Because P, we can conclude that C. And because Q, we can conclude that D." into pairs.
    static func sentences(_ paragraph: String) -> [(premises: String, conclusion: String)] {
        var result: [(String, String)] = []
        var rest = Substring(paragraph)
        let conclude = ", we can conclude that "
        func opening(_ text: Substring) -> Range<Substring.Index>? {
            [text.range(of: "Because "), text.range(of: "because ")].compactMap { $0 }
                .min { $0.lowerBound < $1.lowerBound }
        }
        while let open = opening(rest) {
            rest = rest[open.upperBound...]
            guard let middle = rest.range(of: conclude) else { break }
            let premises = String(rest[..<middle.lowerBound])
            rest = rest[middle.upperBound...]
            // The conclusion runs to the next sentence; one ending in a "one of:" list has no period.
            let next = [rest.range(of: " And because "), rest.range(of: " Because ")].compactMap { $0 }
                .min { $0.lowerBound < $1.lowerBound }
            let end = next?.lowerBound ?? rest.endIndex
            var conclusion = String(rest[..<end]).trimmingSpaces
            // A conclusion other sentences refer to carries a label: "… are incompatible. (1)".
            if conclusion.hasSuffix(")"), let open = conclusion.lastIndex(of: "("),
                conclusion[conclusion.index(after: open)..<conclusion.index(before: conclusion.endIndex)]
                    .allSatisfy(\.isNumber)
            {
                conclusion = String(conclusion[..<open]).trimmingSpaces
            }
            if conclusion.hasSuffix(".") { conclusion.removeLast() }
            result.append((premises, conclusion))
            rest = rest[end...]
        }
        return result
    }

    /// The premises of one sentence, split at "and" where a new fact starts ("you require A and B" stays one).
    static func clauses(_ premises: String) -> [String] {
        var result: [String] = []
        for piece in split(premises, at: [" and "]) {
            if let last = result.indices.last, !startsClause(piece) {
                result[last] += " and " + piece
            } else {
                result.append(piece)
            }
        }
        return result
    }

    static func startsClause(_ text: String) -> Bool {
        let openings = [
            "you require ", "only ", "there is no version of ", "there are no versions of ", "the requested Python ",
            "the current Python ", "we know from (", "all of:", "all versions of ", "your requirements ",
        ]
        if openings.contains(where: { text.hasPrefix($0) }) { return true }
        let words = tokens(text)
        guard words.count >= 3 else { return false }
        return (words[1] == "depends" && words[2] == "on") || (words[1] == "was" && words[2] == "not")
            || words[1] == "cannot"
    }

    static func statement(_ clause: String, derived: Bool) -> Statement? {
        var clause = clause
        var derived = derived
        if clause.hasPrefix("we know from ("), let that = clause.range(of: ") that ") {
            clause = String(clause[that.upperBound...])
            derived = true
        }
        let words = tokens(clause)
        if clause.hasPrefix("you require ") {
            guard !derived else { return nil }
            let list = clause.dropFirst("you require ".count)
            return .requirement(split(String(list), at: [", ", " and "]).map { Spec(token: $0.trimmingSpaces) })
        }
        if clause.hasPrefix("only the following versions of "), words.count > 5 {
            return .unavailable(Spec(token: words[5]), reason: clause)
        }
        if clause.hasPrefix("only "), words.count > 1 {
            return .unavailable(Spec(token: words[1]), reason: clause)
        }
        if clause.hasPrefix("there is no version of "), words.count > 5 {
            return .unavailable(Spec(token: words[5]), reason: clause)
        }
        if clause.hasPrefix("there are no versions of "), words.count > 5 {
            return .unavailable(Spec(token: words[5]), reason: clause)
        }
        if clause.hasPrefix("the requested Python version (") || clause.hasPrefix("the current Python version (") {
            guard let open = clause.firstIndex(of: "("), let close = clause[open...].firstIndex(of: ")") else {
                return nil
            }
            return .pythonVersion(requested: String(clause[clause.index(after: open)..<close]))
        }
        if clause.hasPrefix("all of:"), let verb = words.firstIndex(of: "depend"), verb > 2 {
            return dependency(parents: Array(words[2..<verb]), afterVerb: Array(words[(verb + 1)...]))
        }
        if clause.hasPrefix("all versions of "), words.count > 4, words[4] == "depend" {
            return dependency(parents: [words[3]], afterVerb: Array(words[5...]))
        }
        if words.count >= 4, words[1] == "depends", words[2] == "on" {
            return dependency(parents: [words[0]], afterVerb: Array(words[2...]))
        }
        if words.count >= 3, words[1] == "was", words[2] == "not" {
            return .unavailable(Spec(token: words[0]), reason: clause)
        }
        return nil
    }

    /// `on B` or `on one of: B C …` after "depends"/"depend".
    private static func dependency(parents: [String], afterVerb: [String]) -> Statement? {
        guard afterVerb.first == "on", afterVerb.count >= 2 else { return nil }
        var children: [String]
        if afterVerb.count >= 4, afterVerb[1] == "one", afterVerb[2] == "of:" {
            children = Array(afterVerb[3...].prefix { $0 != "and" })
        } else {
            children = [afterVerb[1]]
        }
        children = children.filter { $0.first?.isLetter == true || $0.first?.isNumber == true }
        guard !children.isEmpty else { return nil }
        return .dependency(parents: parents.map(Spec.init(token:)), children: children.map(Spec.init(token:)))
    }

    /// Words split at spaces outside braces (markers such as `{python_full_version >= '3.12'}` stay whole).
    static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var depth = 0
        for c in text {
            if c == "{" { depth += 1 } else if c == "}" { depth = max(0, depth - 1) }
            if c == " ", depth == 0 {
                if !current.isEmpty { result.append(current) }
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Splits at any of the separators found outside braces.
    static func split(_ text: String, at separators: [String]) -> [String] {
        var result: [String] = []
        var current = ""
        var depth = 0
        var index = text.startIndex
        outer: while index < text.endIndex {
            let c = text[index]
            if c == "{" { depth += 1 } else if c == "}" { depth = max(0, depth - 1) }
            if depth == 0 {
                for separator in separators where text[index...].hasPrefix(separator) {
                    result.append(current)
                    current = ""
                    index = text.index(index, offsetBy: separator.count)
                    continue outer
                }
            }
            current.append(c)
            index = text.index(after: index)
        }
        result.append(current)
        return result.filter { !$0.isEmpty }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
