import BakeoffModel
import Foundation

/// File access relative to the project root, reporting into one collector.
struct ProjectFiles {
    let root: String
    let diagnostics: DiagnosticCollector
    /// Facts dated after this day are rejected; nil disables the check.
    let today: Day?

    /// The same files, reporting into another collector: for loading parts of the project on other threads.
    func reporting(to collector: DiagnosticCollector) -> ProjectFiles {
        ProjectFiles(root: root, diagnostics: collector, today: today)
    }

    func absolute(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }

    func exists(_ relative: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: absolute(relative), isDirectory: &isDirectory)
            && !isDirectory.boolValue
    }

    func isFolder(_ relative: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: absolute(relative), isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// Names of the sub-folders, sorted, hidden ones left out; a link that leads nowhere is reported.
    func subfolders(_ relative: String) -> [String] {
        entries(relative).filter { isFolder("\(relative)/\($0)") }
    }

    /// Names of the files with this extension, sorted.
    func files(_ relative: String, extension ext: String) -> [String] {
        entries(relative).filter { $0.hasSuffix(".\(ext)") && exists("\(relative)/\($0)") }
    }

    /// The visible entries of a folder, sorted. A symbolic link whose target cannot be reached (a loop, or
    /// a missing target) would otherwise be skipped without a word: it is reported.
    private func entries(_ relative: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: absolute(relative))) ?? []
        return names.filter { name in
            guard !name.hasPrefix(".") else { return false }
            let path = absolute("\(relative)/\(name)")
            var link = stat(), target = stat()
            if lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK, stat(path, &target) != 0 {
                let why = errno == ELOOP ? "a loop of symbolic links" : "a symbolic link to nothing"
                report(file: "\(relative)/\(name)", "is \(why)", hint: "fix or remove the link")
                return false
            }
            return true
        }.sorted()
    }

    /// The file parsed as YAML, unless it resolves outside the project (a link to /etc/passwd): such a file
    /// is refused without reading it, so nothing of it is printed.
    func yaml(_ relative: String) -> YAMLValue? {
        guard isInside(relative) else {
            report(
                file: relative, "resolves to a file outside the project",
                hint: "bakeoff reads only files inside the project; copy the file in instead of linking to it")
            return nil
        }
        return YAMLFile.load(absolute: absolute(relative), relative: relative, diagnostics: diagnostics)
    }

    /// True when `relative`, all links followed, lies inside the project root (or does not exist: reading it
    /// then reports that).
    func isInside(_ relative: String) -> Bool {
        guard let file = realpath(absolute(relative), nil) else { return true }
        defer { free(file) }
        guard let base = realpath(root, nil) else { return true }
        defer { free(base) }
        let path = String(cString: file), top = String(cString: base)
        return path == top || path.hasPrefix(top == "/" ? "/" : top + "/")
    }

    func report(file: String, _ message: String, hint: String?) {
        diagnostics.add(Diagnostic(file: file, line: 1, column: 1, path: "", message: message, hint: hint))
    }
}


