import BakeoffModel
import Foundation

/// The requirements of the co-installed Python tools, concatenated into one input for `uv pip compile -`.
public struct CoInstallRequirements: Hashable, Sendable {
    /// One requirement line and the tool whose requirements.in holds it.
    public struct Line: Hashable, Sendable {
        public var tool: String
        /// The line as written (comments kept), with relative `-r`/`-c`/`-e` paths made absolute.
        public var text: String
        /// The distribution name, normalized (PEP 503: lower case, runs of `-_.` as one `-`).
        public var name: String
        /// The version specifier without spaces, extras or markers (`==1.16.0`, `>=2,<3`, empty for none).
        public var specifier: String
    }

    /// The text fed to uv: each tool's file under a comment naming it, in the order given.
    public var text: String
    /// Every requirement line (not comments, blanks or options), in order.
    public var lines: [Line]

    /// One tool's requirements.in: its id, its path (for the comment and relative includes), its text.
    public struct Source: Hashable, Sendable {
        public var tool: String
        /// Absolute path of the requirements file.
        public var path: String
        public var text: String

        public init(tool: String, path: String, text: String) {
            self.tool = tool
            self.path = path
            self.text = text
        }
    }

    /// Concatenates the tools' requirements; every line is kept (comments, blanks, extras, markers) so
    /// uv sees exactly what each tool pins.
    public init(merging sources: [Source]) {
        var text = ""
        var lines: [Line] = []
        for source in sources {
            text += "# --- \(source.tool): \(source.path)\n"
            let folder = (source.path as NSString).deletingLastPathComponent
            // "\r\n" is one Character in Swift: normalize before splitting at "\n".
            let unix = source.text.replacingOccurrences(of: "\r\n", with: "\n")
            var raws = unix.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if raws.last == "" { raws.removeLast() }
            for line in raws {
                let kept = Self.absolutizingIncludes(line, folder: folder)
                text += kept + "\n"
                if let (name, specifier) = Self.requirement(in: line) {
                    lines.append(Line(tool: source.tool, text: kept, name: name, specifier: specifier))
                }
            }
        }
        self.text = text
        self.lines = lines
    }

    /// The tools whose lines require `name` (normalized), in order, without repeats.
    public func tools(requiring name: String) -> [String] {
        var seen: [String] = []
        for line in lines where line.name == name && !seen.contains(line.tool) { seen.append(line.tool) }
        return seen
    }

    // MARK: parsing one line

    /// The normalized name and specifier of a requirement line; nil for comments, blanks and options.
    static func requirement(in line: String) -> (name: String, specifier: String)? {
        var body = Substring(line)
        // A comment starts at a '#' at the start or after whitespace ('#' inside a URL is a fragment).
        var previous: Character = " "
        for index in body.indices {
            if body[index] == "#", previous == " " || previous == "\t" {
                body = body[..<index]
                break
            }
            previous = body[index]
        }
        body = body.drop { $0 == " " || $0 == "\t" }
        guard let first = body.first, first != "-", first != "." , first != "/" else { return nil }
        let nameEnd = body.firstIndex { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
            ?? body.endIndex
        let name = body[..<nameEnd]
        guard !name.isEmpty, name.first!.isLetter || name.first!.isNumber else { return nil }
        var rest = body[nameEnd...]
        // A bare URL (`https://…/x.whl`) names no distribution here.
        if rest.hasPrefix(":") { return nil }
        if let semicolon = rest.firstIndex(of: ";") { rest = rest[..<semicolon] }
        var specifier = rest.filter { $0 != " " && $0 != "\t" }
        if specifier.hasPrefix("["), let close = specifier.firstIndex(of: "]") {
            specifier = String(specifier[specifier.index(after: close)...])
        }
        return (normalize(String(name)), specifier.lowercased())
    }

    /// PEP 503 normalization: lower case, every run of `-`, `_` and `.` becomes one `-`.
    public static func normalize(_ name: String) -> String {
        var result = ""
        var inRun = false
        for c in name.lowercased() {
            if c == "-" || c == "_" || c == "." {
                if !inRun { result.append("-") }
                inRun = true
            } else {
                result.append(c)
                inRun = false
            }
        }
        return result
    }

    /// Rewrites relative paths (`-r FILE`, `-c FILE`, `-e ./PATH`, `./PATH`) as absolute ones, so they still work
    /// from stdin.
    static func absolutizingIncludes(_ line: String, folder: String) -> String {
        let indent = line.prefix { $0 == " " || $0 == "\t" }
        let body = line.dropFirst(indent.count)
        if body.hasPrefix("./") || body.hasPrefix("../") {
            let path = body.prefix { $0 != " " && $0 != "\t" && $0 != ";" && $0 != "#" }
            let absolute = URL(fileURLWithPath: folder).appendingPathComponent(String(path)).standardizedFileURL.path
            return "\(indent)\(absolute)\(body.dropFirst(path.count))"
        }
        let words = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard words.count == 2, let option = words.first else { return line }
        let files = ["-r", "-c", "--requirement", "--constraint"]
        let editables = ["-e", "--editable"]
        guard files.contains(String(option)) || editables.contains(String(option)) else { return line }
        let rest = words[1].drop { $0 == " " }
        let path = rest.prefix { $0 != " " && $0 != "\t" }
        let local = editables.contains(String(option)) ? path.hasPrefix(".") : !path.contains(":")
        guard local, !path.isEmpty, !path.hasPrefix("/") else { return line }
        let absolute = URL(fileURLWithPath: folder).appendingPathComponent(String(path)).standardizedFileURL.path
        return "\(indent)\(option) \(absolute)\(rest.dropFirst(path.count))"
    }
}
