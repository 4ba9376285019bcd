/// Did-you-mean hints: the closest known word for a misspelt one.
public enum Spelling {
    public static func suggestion(for word: String, among candidates: some Sequence<String>) -> String? {
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
    public static func distance(_ a: String, _ b: String) -> Int {
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
    public static func hint(for word: String, among candidates: [String], what: String) -> String {
        if let s = suggestion(for: word, among: candidates) { return "did you mean '\(s)'?" }
        let sorted = candidates.sorted()
        let shown = sorted.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
        return sorted.isEmpty ? "no \(what) is defined" : "expected one of \(shown)\(sorted.count > 12 ? ", …" : "")"
    }
}
