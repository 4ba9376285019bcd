import Foundation

/// Runs the what-if page's ranking script under Node: the page's own embedded data and script, taken out of
/// the rendered HTML, so a test checks what a browser would run.
public enum WhatIfHarness {
    /// One weighting: a profile id and relative weight overrides (as `--weight` gives them).
    public struct Case: Codable {
        public var profile: String
        public var overrides: [String: Double]

        public init(profile: String, overrides: [String: Double]) {
            self.profile = profile
            self.overrides = overrides
        }
    }

    /// Node's path, or nil when it is not installed.
    public static let node: String? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/node"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    /// The text of the page's element that starts with `open` (up to the next `</script>`).
    public static func element(_ open: String, in html: String, occurrence: Int = 0) -> String? {
        var rest = html[...]
        for _ in 0...occurrence {
            guard let start = rest.range(of: open) else { return nil }
            rest = rest[start.upperBound...]
        }
        guard let end = rest.range(of: "</script>") else { return nil }
        return String(rest[..<end.lowerBound])
    }

    /// The embedded JSON and the ranking script (the first plain `<script>` after the data).
    public static func extract(_ html: String) -> (data: String, ranking: String)? {
        guard let data = element("<script type=\"application/json\" id=\"whatif-data\">", in: html),
            let ranking = element("<script>", in: html)
        else { return nil }
        return (data, ranking)
    }

    /// Per case, per stage of the case's profile: `BakeoffWhatIf.rank`'s result as JSON objects, with
    /// `flipWeights`: per flip point, `BakeoffWhatIf.flipWeights` (null where there is no flip or no link).
    public static func rank(page html: String, cases: [Case]) throws -> [[[String: Any]]] {
        guard let node else { throw NodeMissing() }
        guard let (data, ranking) = extract(html) else { throw HarnessError(message: "the page has no what-if data or script") }
        let harness = ranking + """

            var input = JSON.parse(require("fs").readFileSync(0, "utf8"));
            var data = input.data, criteria = data.criteria.map(function (c) { return c.id; });
            var out = input.cases.map(function (k) {
              var p = data.profiles.filter(function (x) { return x.id === k.profile; })[0];
              var w = p.weights.slice();
              criteria.forEach(function (id, i) { if (id in k.overrides) w[i] = k.overrides[id]; });
              return data.evaluations[p.evaluation].map(function (s) {
                var r = BakeoffWhatIf.rank(s, criteria, w);
                r.stage = s.id;
                r.flipWeights = r.flips.map(function (f) { return f.flipsAt === null ? null : BakeoffWhatIf.flipWeights(s, criteria, w, f); });
                return r;
              });
            });
            process.stdout.write(JSON.stringify(out));
            """
        let folder = try TemporaryFolder("whatif-node")
        defer { folder.remove() }
        try folder.write("rank.js", harness)
        let cases = String(decoding: try JSONEncoder().encode(cases), as: UTF8.self)
        try folder.write("input.json", "{\"data\":" + data + ",\"cases\":" + cases + "}")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: node)
        process.arguments = [folder.url("rank.js").path]
        process.standardInput = try FileHandle(forReadingFrom: folder.url("input.json"))
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw HarnessError(message: "node failed: " + String(decoding: errors, as: UTF8.self))
        }
        guard let result = try JSONSerialization.jsonObject(with: output) as? [[[String: Any]]] else {
            throw HarnessError(message: "node printed no list of rankings")
        }
        return result
    }

    public struct NodeMissing: Error, CustomStringConvertible {
        public init() {}
        public var description: String { "node is not installed (apt-get install nodejs); the what-if script was not run" }
    }

    public struct HarnessError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
