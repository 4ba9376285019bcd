import BakeoffFiles
import BakeoffModel
import Foundation

/// The one place that writes reports, into a folder bakeoff owns: a new or empty one, or one holding the
/// marker file (`.bakeoff-reports`) a previous build wrote, which lists every file that build wrote. Only
/// those files are replaced or removed: a user's own file next to them (a `data/train.csv`) is never touched,
/// and a folder holding files bakeoff did not write is refused. Everything is rendered into a temporary
/// folder first, so a failed render leaves the previous reports untouched.
public enum ReportWriter {
    /// The marker file's name, at the top of the reports folder.
    public static let markerName = ".bakeoff-reports"

    static let markerHeader = "# Written by `bakeoff build`: the files it owns in this folder, the only ones it replaces or removes.\n"

    /// Writes `files` (paths relative to `reportsFolder`, each under one of `folders`), removes the files
    /// the previous build wrote that this one does not, and records the new list in the marker.
    public static func replace(folders: Set<String>, files: [String: String], in reportsFolder: String) throws {
        let fm = FileManager.default
        let root = URL(fileURLWithPath: reportsFolder).standardizedFileURL
        for path in files.keys.sorted() {
            guard let top = path.split(separator: "/").first.map(String.init), folders.contains(top),
                !path.split(separator: "/").contains(".."), !path.hasPrefix("/"), path != markerName
            else {
                throw BuildError(step: "write", message: "refusing to write \(path): outside the build's folders")
            }
        }
        let previous = try owned(root, writing: Set(files.keys))
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        // A file at a path this build writes that the previous build did not write is the user's.
        for path in files.keys.sorted() where !previous.contains(path) {
            var isFolder: ObjCBool = false
            if fm.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isFolder) {
                throw BuildError(
                    step: "write",
                    message: "\(root.path)/\(path) exists and was not written by bakeoff; move it away, or choose another folder with --out")
            }
        }
        // A file the previous build wrote with the same bytes stays as it is (and keeps its date): creating
        // files is most of the cost of writing the reports, and a rebuild changes few of them.
        // Compared on every core: with nothing changed, reading the previous files back is all a rebuild writes.
        let paths = files.keys.sorted()
        let differs = Parallel.map(paths.count) { i in
            let target = root.appendingPathComponent(paths[i]).path
            return !previous.contains(paths[i]) || !isRegularFile(target)
                || FileManager.default.contents(atPath: target) != Data(files[paths[i]]!.utf8)
        }
        let changed = zip(paths, differs).filter(\.1).map(\.0)
        let staging = root.appendingPathComponent(".bakeoff-build-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: staging) }
        for path in changed {
            let url = staging.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try write(files[path]!, to: url.path)
        }
        // The marker first lists old and new files, so a build stopped halfway still owns all it wrote.
        let marker = root.appendingPathComponent(markerName).path
        try write(markerText(previous.union(files.keys)), to: marker)
        for path in changed {
            let target = root.appendingPathComponent(path)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard rename(staging.appendingPathComponent(path).path, target.path) == 0 else {
                throw BuildError(step: "write", message: "cannot write \(target.path): \(String(cString: strerror(errno)))")
            }
        }
        for path in previous.subtracting(files.keys).sorted() {
            let url = root.appendingPathComponent(path)
            try? fm.removeItem(at: url)
            removeEmptyFolders(from: url.deletingLastPathComponent(), upTo: root)
        }
        try write(markerText(Set(files.keys)), to: marker)
    }

    /// The files of `root` a previous build wrote (empty for a new or empty folder), or an error saying
    /// why bakeoff may not write there. A folder without a marker whose every file is one this build writes
    /// (reports from a version before the marker) is taken over.
    static func owned(_ root: URL, writing: Set<String>) throws -> Set<String> {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: root.path, isDirectory: &isFolder) else { return [] }
        guard isFolder.boolValue else {
            throw BuildError(step: "write", message: "\(root.path) is a file, not a folder; give --out a folder to write the reports into")
        }
        // What a build stopped by a kill left behind is bakeoff's own.
        for name in (try? fm.contentsOfDirectory(atPath: root.path)) ?? [] where name.hasPrefix(".bakeoff-build-") {
            try? fm.removeItem(at: root.appendingPathComponent(name))
        }
        let marker = root.appendingPathComponent(markerName)
        if let text = try? String(contentsOf: marker, encoding: .utf8) {
            return Set(text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && isOwnable($0) })
        }
        let present = files(under: root)
        let foreign = present.subtracting(writing)
        guard foreign.isEmpty else {
            let shown = foreign.sorted().prefix(3).joined(separator: ", ") + (foreign.count > 3 ? " and \(foreign.count - 3) more" : "")
            throw BuildError(
                step: "write",
                message: "\(root.path) holds files bakeoff did not write (\(shown)); give --out a new or empty folder, or one bakeoff wrote before (it holds \(markerName))")
        }
        return present
    }

    /// True for a regular file itself, not a link to one.
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// True for a path the marker may name: relative, inside the folder.
    static func isOwnable(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains("..") && path != markerName
    }

    /// Every file and link under `root`, relative, folders left out.
    static func files(under root: URL) -> Set<String> {
        var found: Set<String> = []
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return found }
        while let path = walker.nextObject() as? String {
            if walker.fileAttributes?[.type] as? FileAttributeType != .typeDirectory { found.insert(path) }
        }
        return found
    }

    static func markerText(_ paths: Set<String>) -> String {
        markerHeader + paths.sorted().map { $0 + "\n" }.joined()
    }

    /// Removes `folder` and its parents below `root` while they are empty (a stage page's folder that the
    /// new build no longer has).
    static func removeEmptyFolders(from folder: URL, upTo root: URL) {
        var current = folder.standardizedFileURL
        while current.path.hasPrefix(root.path + "/"), (try? FileManager.default.contentsOfDirectory(atPath: current.path))?.isEmpty == true {
            try? FileManager.default.removeItem(at: current)
            current = current.deletingLastPathComponent()
        }
    }

    /// Writes a file whole, not flushed to disk: flushing every file made writing the site cost more than
    /// rendering it, and durability is not needed here (a build can always be repeated).
    static func write(_ text: String, to path: String) throws {
        do {
            try AtomicFile.write(text, to: path, durable: false)
        } catch {
            throw BuildError(step: "write", message: error.description)
        }
    }
}
