import BakeoffModel
import Foundation

/// File access relative to the project root, reporting into one collector.
struct ProjectFiles {
    let root: String
    let diagnostics: DiagnosticCollector
    /// Facts dated after this day are rejected; nil disables the check.
    let today: Day?

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

    /// Names of the sub-folders, sorted, hidden ones left out.
    func subfolders(_ relative: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: absolute(relative))) ?? []
        return names.filter { !$0.hasPrefix(".") && isFolder("\(relative)/\($0)") }.sorted()
    }

    /// Names of the files with this extension, sorted.
    func files(_ relative: String, extension ext: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: absolute(relative))) ?? []
        return names.filter { !$0.hasPrefix(".") && $0.hasSuffix(".\(ext)") && exists("\(relative)/\($0)") }.sorted()
    }

    func yaml(_ relative: String) -> YAMLValue? {
        YAMLFile.load(absolute: absolute(relative), relative: relative, diagnostics: diagnostics)
    }

    func report(file: String, _ message: String, hint: String?) {
        diagnostics.add(Diagnostic(file: file, line: 1, column: 1, path: "", message: message, hint: hint))
    }
}


