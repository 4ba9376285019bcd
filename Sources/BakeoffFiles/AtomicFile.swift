import Foundation

/// The one way bakeoff writes a file: whole or not at all. The bytes go to a temporary file beside the target
/// (the same folder, so the rename cannot cross file systems), are flushed to disk when `durable`, and the
/// temporary file is then renamed over the target, or linked to it when an existing file must not be replaced.
/// A reader (another bakeoff, git, a browser) sees the old file or the new one, never half of one; a write that
/// fails leaves nothing behind.
public enum AtomicFile {
    /// Why a file could not be written: the path and the system's reason.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        /// True when the file existed and `replacing` was false.
        public var exists: Bool

        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes `data` to `path`, creating its folder. `durable` flushes it to disk first (evidence, project files);
    /// without it a crash may lose the new content, never corrupt it (generated output that a rerun rewrites).
    /// With `replacing` false an existing file is left alone and the write fails with `exists`.
    public static func write(_ data: Data, to path: String, durable: Bool = true, replacing: Bool = true) throws(Failure) {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw Failure(path: path, reason: "cannot create its folder (\(error.localizedDescription))", exists: false)
            }
        }
        let temporary = (folder.isEmpty ? "" : folder + "/")
            + ".\((path as NSString).lastPathComponent).\(getpid()).\(UInt32.random(in: 0 ... .max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(path: path, reason: systemReason(), exists: false) }
        var written = 0
        let ok = data.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += n
            }
            return !durable || fsync(fd) == 0
        }
        let reason = ok ? "" : systemReason()
        close(fd)
        guard ok else {
            unlink(temporary)
            throw Failure(path: path, reason: reason, exists: false)
        }
        if replacing {
            guard rename(temporary, path) == 0 else {
                let reason = systemReason()
                unlink(temporary)
                throw Failure(path: path, reason: reason, exists: false)
            }
        } else {
            // link() refuses an existing target, where rename() would replace it.
            let linked = link(temporary, path) == 0
            let code = errno
            unlink(temporary)
            guard linked else {
                throw Failure(path: path, reason: String(cString: strerror(code)), exists: code == EEXIST)
            }
        }
    }

    /// Writes `text` as UTF-8 (see `write(_:to:durable:replacing:)`).
    public static func write(_ text: String, to path: String, durable: Bool = true, replacing: Bool = true) throws(Failure) {
        try write(Data(text.utf8), to: path, durable: durable, replacing: replacing)
    }

    private static func systemReason() -> String { String(cString: strerror(errno)) }
}
