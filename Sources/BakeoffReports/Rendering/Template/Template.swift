/// A parsed Mustache template: the subset the site, deck and post templates use — variables (`{{name}}`
/// escaped for the output, `{{{name}}}` and `{{&name}}` as they are), sections and inverted sections, dotted
/// names and `.`, comments, partials (`{{>name}}`), standalone tag lines removed, and `{{%CONTENT_TYPE:TEXT}}`
/// to stop HTML escaping in a template for text formats. Parsed once; rendered many times without casting.
struct Template: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case variable(Name, escaped: Bool)
        case section(Name, inverted: Bool, [Node])
        case partial(String, indentation: String?)
        /// `{{%CONTENT_TYPE:TEXT}}` (no escaping) or `HTML`, for the rest of the template.
        case escaping(Bool)
    }

    /// A name as written: `.` (the current value), `a.b` (looked up the context stack, then descended), or
    /// `.a` (from the current value only).
    struct Name: Sendable, Equatable {
        var written: String
        var isCurrent: Bool { written == "." }
        var anchored: Bool { written.first == "." }
        var parts: [Substring]

        init(_ written: String) {
            self.written = written
            parts = written.split(separator: ".")
        }
    }

    /// A template that cannot be parsed: where, and what is wrong.
    struct SyntaxError: Error, CustomStringConvertible {
        var line: Int
        var column: Int
        var message: String
        var description: String { "\(line):\(column): \(message)" }
    }

    var nodes: [Node]
    /// Whether `{{name}}` escapes for HTML when the template starts (a `{{%CONTENT_TYPE}}` tag changes it):
    /// false for the templates of text formats.
    var escapesHTML = true

    init(_ source: String) throws {
        var parser = TemplateParser(source)
        nodes = try parser.parse(section: nil, opened: 0, atLineStart: true)
    }

    /// The names this template's variables and sections are written with (`a.b` as written), at any depth.
    var names: Set<String> {
        Set(collect { node in
            switch node {
            case .variable(let name, _), .section(let name, _, _): return [name.written]
            default: return []
            }
        })
    }

    /// The partials this template includes, at any depth.
    var partials: [String] {
        collect { node in
            if case .partial(let name, _) = node { return [name] }
            return []
        }
    }

    /// What `pick` finds in every node, sections' contents included, in order.
    private func collect(_ pick: (Node) -> [String]) -> [String] {
        func walk(_ nodes: [Node]) -> [String] {
            nodes.flatMap { node -> [String] in
                if case .section(_, _, let inner) = node { return pick(node) + walk(inner) }
                return pick(node)
            }
        }
        return walk(nodes)
    }
}

/// Reads a template's bytes into nodes, with the Mustache rules for standalone lines: a line holding only a
/// section, inverted-section, closing, comment or partial tag (and blanks) leaves no trace in the output.
struct TemplateParser {
    private let bytes: [UInt8]
    private var index = 0

    init(_ source: String) {
        bytes = Array(source.utf8)
    }

    private static let open: [UInt8] = Array("{{".utf8)
    private static let close: [UInt8] = Array("}}".utf8)

    /// The nodes up to the end, or up to the tag closing `section` (opened at byte `opened`).
    mutating func parse(section: Template.Name?, opened: Int, atLineStart: Bool) throws -> [Template.Node] {
        var nodes: [Template.Node] = []
        var lineStart = atLineStart
        var blanks = ""                       // the blanks that began the line, held until we know what follows
        while index < bytes.count {
            if lineStart { blanks = readBlanks() }
            let (text, foundTag) = readText()
            if let newline = newlineLength(at: index) {
                nodes.append(.text(blanks + text + string(index, index + newline)))
                index += newline
                lineStart = true
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(blanks + text))
                blanks = ""
                lineStart = false
            }
            guard foundTag else { break }
            let tagStart = index - 2
            guard index < bytes.count else { throw error(at: tagStart, "a tag is opened with {{ and never closed") }
            var standalone = false
            func flushBlanks() {
                if !blanks.isEmpty { nodes.append(.text(blanks)); blanks = "" }
            }
            switch bytes[index] {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = bytes[index] == UInt8(ascii: "^")
                index += 1
                let name = try readName(tagStart)
                standalone = lineStart && finishLine()
                if !standalone { flushBlanks() }
                let inner = try parse(section: name, opened: tagStart, atLineStart: standalone)
                nodes.append(.section(name, inverted: inverted, inner))
            case UInt8(ascii: "/"):
                index += 1
                let name = try readName(tagStart)
                guard let section, name == section else {
                    throw error(at: tagStart, section.map { "{{/\(name.written)}} closes a section opened as {{#\($0.written)}}" }
                        ?? "{{/\(name.written)}} closes a section that was never opened")
                }
                if !(lineStart && finishLine()) { flushBlanks() }
                return nodes
            case UInt8(ascii: "!"):
                guard let end = find(Self.close, from: index) else { throw error(at: tagStart, "a comment is never closed with }}") }
                index = end + 2
                standalone = lineStart && finishLine()
            case UInt8(ascii: "{"):
                flushBlanks()
                index += 1
                let name = try readName(tagStart)
                guard index < bytes.count, bytes[index] == UInt8(ascii: "}") else {
                    throw error(at: tagStart, "{{{\(name.written)}} needs a third } to close it")
                }
                index += 1
                nodes.append(.variable(name, escaped: false))
            case UInt8(ascii: "&"):
                flushBlanks()
                index += 1
                nodes.append(.variable(try readName(tagStart), escaped: false))
            case UInt8(ascii: ">"):
                index += 1
                let name = try readPartialName(tagStart)
                if !blanks.isEmpty { nodes.append(.text(blanks)) }      // kept, and also the partial's indentation
                standalone = lineStart && finishLine()
                nodes.append(.partial(name, indentation: standalone ? blanks : nil))
                blanks = ""
            case UInt8(ascii: "%"):
                index += 1
                nodes.append(.escaping(try readContentType(tagStart)))
                standalone = lineStart && finishLine()
            case UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: "$"):
                throw error(at: tagStart, "set delimiters and template inheritance are not supported; use {{>partial}} instead")
            default:
                flushBlanks()
                nodes.append(.variable(try readName(tagStart), escaped: true))
            }
            lineStart = standalone
        }
        if let section {
            throw error(at: opened, "the section {{#\(section.written)}} is never closed with {{/\(section.written)}}")
        }
        return nodes
    }

    // MARK: Reading

    private func string(_ from: Int, _ to: Int) -> String {
        String(decoding: bytes[from..<to], as: UTF8.self)
    }

    private func newlineLength(at position: Int) -> Int? {
        guard position < bytes.count else { return nil }
        if bytes[position] == UInt8(ascii: "\n") { return 1 }
        if bytes[position] == UInt8(ascii: "\r") {
            return position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "\n") ? 2 : 1
        }
        return nil
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    private mutating func readBlanks() -> String {
        let start = index
        while index < bytes.count, Self.isBlank(bytes[index]) { index += 1 }
        return string(start, index)
    }

    /// Text up to the next `{{` (consumed; `foundTag`) or the end of the line (not consumed).
    private mutating func readText() -> (String, foundTag: Bool) {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { return (string(start, index), false) }
            if byte == UInt8(ascii: "{"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") {
                let text = string(start, index)
                index += 2
                return (text, true)
            }
            index += 1
        }
        return (string(start, index), false)
    }

    /// After a tag that may stand alone: when only blanks follow up to the end of the line, consume them and the
    /// line break, and say so.
    private mutating func finishLine() -> Bool {
        if index >= bytes.count { return true }
        var probe = index
        while probe < bytes.count, Self.isBlank(bytes[probe]) { probe += 1 }
        guard let newline = newlineLength(at: probe) else { return false }
        index = probe + newline
        return true
    }

    private func find(_ needle: [UInt8], from: Int) -> Int? {
        var position = from
        while position + needle.count <= bytes.count {
            if bytes[position] == needle[0], bytes[position + 1] == needle[1] { return position }
            position += 1
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8, partial: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"):
            return true
        case UInt8(ascii: "/"): return partial
        default: return false
        }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, Self.isBlank(bytes[index]) || newlineLength(at: index) != nil { index += 1 }
    }

    private mutating func readWord(partial: Bool, _ tagStart: Int) throws -> String {
        skipWhitespace()
        let start = index
        while index < bytes.count, Self.isNameByte(bytes[index], partial: partial) { index += 1 }
        let word = string(start, index)
        skipWhitespace()
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "}"), bytes[index + 1] == UInt8(ascii: "}") else {
            let found = index < bytes.count ? "'\(string(index, min(index + 1, bytes.count)))'" : "the end of the file"
            throw error(at: tagStart, "the tag {{\(word) … holds \(found) where }} should close it; a name has only letters, digits and . - _ ? *")
        }
        guard !word.isEmpty else { throw error(at: tagStart, "the tag has no name") }
        index += 2
        return word
    }

    private mutating func readName(_ tagStart: Int) throws -> Template.Name {
        Template.Name(try readWord(partial: false, tagStart))
    }

    private mutating func readPartialName(_ tagStart: Int) throws -> String {
        try readWord(partial: true, tagStart)
    }

    private mutating func readContentType(_ tagStart: Int) throws -> Bool {
        guard let end = find(Self.close, from: index) else { throw error(at: tagStart, "the tag is never closed with }}") }
        let setting = string(index, end).filter { !$0.isWhitespace }
        index = end + 2
        switch setting {
        case "CONTENT_TYPE:TEXT": return false
        case "CONTENT_TYPE:HTML": return true
        default: throw error(at: tagStart, "{{%\(setting)}}: the only setting is CONTENT_TYPE:TEXT or CONTENT_TYPE:HTML")
        }
    }

    private func error(at position: Int, _ message: String) -> Template.SyntaxError {
        var line = 1
        var lineStart = 0
        for offset in 0..<min(position, bytes.count) where bytes[offset] == UInt8(ascii: "\n") {
            line += 1
            lineStart = offset + 1
        }
        let column = String(decoding: bytes[lineStart..<min(position, bytes.count)], as: UTF8.self).count + 1
        return Template.SyntaxError(line: line, column: column, message: message)
    }
}
