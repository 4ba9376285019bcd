import Foundation

/// The one place that writes reports: everything goes into a temporary folder next to the target, then each
/// owned folder is swapped in with renames, so a failed build leaves the previous reports untouched.
public enum ReportWriter {
    /// Writes `files` (paths relative to `reportsFolder`) and replaces each of `folders` as a whole; other
    /// folders under `reportsFolder` (posts, slides from other steps) are left alone.
    public static func replace(folders: Set<String>, files: [String: String], in reportsFolder: String) throws {
        let fm = FileManager.default
        let root = URL(fileURLWithPath: reportsFolder).standardizedFileURL
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        let staging = root.appendingPathComponent(".bakeoff-build-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: staging) }
        for path in files.keys.sorted() {
            guard let top = path.split(separator: "/").first.map(String.init), folders.contains(top),
                !path.split(separator: "/").contains(".."), !path.hasPrefix("/")
            else {
                throw BuildError(step: "write", message: "refusing to write \(path): outside the build's folders")
            }
            let url = staging.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try write(files[path]!, to: url.path)
        }
        let retired = staging.appendingPathComponent(".retired")
        try fm.createDirectory(at: retired, withIntermediateDirectories: true)
        for folder in folders.sorted() {
            let fresh = staging.appendingPathComponent(folder)
            if !fm.fileExists(atPath: fresh.path) { try fm.createDirectory(at: fresh, withIntermediateDirectories: true) }
            let target = root.appendingPathComponent(folder)
            if fm.fileExists(atPath: target.path) {
                try fm.moveItem(at: target, to: retired.appendingPathComponent(folder))
            }
            try fm.moveItem(at: fresh, to: target)
        }
    }

    /// Writes a file with plain POSIX calls: Foundation's `Data.write` fsyncs every file, which made writing
    /// the site cost more than rendering it. Durability is not needed here: a build can always be repeated,
    /// and the swap into place happens only after every file is written.
    static func write(_ text: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw BuildError(step: "write", message: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw BuildError(step: "write", message: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }
}
