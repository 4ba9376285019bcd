/// Takes this machine's paths out of text that is recorded and published (a failed install's reason, a
/// step's stderr): the project's root becomes relative, the home folder `~`. The evidence is committed and
/// the site is public; neither should say where a teammate keeps their files or what their user name is.
public struct MachinePaths: Sendable, Hashable {
    public var projectRoot: String
    public var home: String

    public init(projectRoot: String, home: String) {
        self.projectRoot = Self.trimmed(projectRoot)
        self.home = Self.trimmed(home)
    }

    /// `text` with `<project root>/x` written `x`, the root alone `.`, and `<home>/x` written `~/x`.
    public func scrub(_ text: String) -> String {
        var out = text
        // The project usually lies under the home folder: the longer path goes first.
        for (path, short) in [(projectRoot, "."), (home, "~")].sorted(by: { $0.0.count > $1.0.count }) where path.count > 1 {
            out = out.replacing(path + "/", with: short == "." ? "" : "~/")
            out = replacingWhole(path, with: short, in: out)
        }
        // Another account's home (a path from a container or a teammate's machine) goes too.
        return Self.withoutHomes(out)
    }

    /// `text` with any home folder written `~`: `/root/`, `/home/NAME/` and `/Users/NAME/` become `~/`. For
    /// text recorded before reasons were scrubbed, where this machine's home is not the recorder's; it
    /// depends on the text alone, so a page renders the same everywhere.
    public static func withoutHomes(_ text: String) -> String {
        var out = text.replacing("/root/", with: "~/")
        for prefix in ["/home/", "/Users/"] {
            var result = ""
            var rest = Substring(out)
            while let range = rest.firstRange(of: prefix) {
                let after = rest[range.upperBound...]
                let name = after.prefix { $0 != "/" && !$0.isWhitespace && $0 != "\"" && $0 != "'" }
                let startsWord = range.lowerBound == rest.startIndex || !(rest[rest.index(before: range.lowerBound)].isLetter
                    || rest[rest.index(before: range.lowerBound)].isNumber)
                if startsWord, !name.isEmpty, after.dropFirst(name.count).first == "/" {
                    result += rest[..<range.lowerBound] + "~"
                    rest = after.dropFirst(name.count)
                } else {
                    result += rest[..<range.upperBound]
                    rest = after
                }
            }
            out = result + rest
        }
        return out
    }

    /// Replaces `path` where it stands alone (not `/home/ann` inside `/home/anna`).
    private func replacingWhole(_ path: String, with short: String, in text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let range = rest.firstRange(of: path) {
            let next = rest[range.upperBound...].first
            let standsAlone = next.map { !($0.isLetter || $0.isNumber || "-_.".contains($0)) } ?? true
            out += rest[..<range.lowerBound] + (standsAlone ? short : path)
            rest = rest[range.upperBound...]
        }
        return out + rest
    }

    private static func trimmed(_ path: String) -> String {
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        return p
    }
}
