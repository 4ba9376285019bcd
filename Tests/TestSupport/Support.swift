import Foundation
import XCTest

/// A fresh folder under the system temp directory, removed by `remove()`.
public struct TemporaryFolder {
    public let path: String

    public init(_ label: String = "bakeoff-test") throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    public func url(_ relative: String) -> URL { URL(fileURLWithPath: path).appendingPathComponent(relative) }

    /// Writes `text` to `relative`, creating folders as needed.
    public func write(_ relative: String, _ text: String) throws {
        let url = url(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    public func read(_ relative: String) throws -> String {
        try String(contentsOf: url(relative), encoding: .utf8)
    }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Paths of the repository under test.
public enum Repository {
    /// The package root (the folder holding Package.swift).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.path
            }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// Copies the bundled project (bakeoff.yaml, criteria/, stages/, integrations/, templates/, evidence/) into `folder`.
    public static func copyBundledProject(to folder: String) throws {
        let fm = FileManager.default
        for item in ["bakeoff.yaml", "criteria", "stages", "integrations", "templates", "evidence"] {
            let source = (root as NSString).appendingPathComponent(item)
            guard fm.fileExists(atPath: source) else { continue }
            let target = (folder as NSString).appendingPathComponent(item)
            try? fm.removeItem(atPath: target)
            try fm.copyItem(atPath: source, toPath: target)
        }
        try? fm.removeItem(atPath: (folder as NSString).appendingPathComponent("evidence/ledger.sqlite"))
    }
}

/// Runs the built `bakeoff` executable and captures what it prints.
public enum CLI {
    public struct Output {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The folder holding the built products (next to the test bundle).
    public static var productsFolder: URL {
        var url = Bundle.main.bundleURL
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            url = bundle.bundleURL.deletingLastPathComponent()
        }
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("bakeoff").path) { return url }
        return URL(fileURLWithPath: Repository.root).appendingPathComponent(".build/debug")
    }

    @discardableResult
    public static func run(_ arguments: [String], in folder: String? = nil, environment: [String: String] = [:])
        throws -> Output
    {
        try runExecutable(productsFolder.appendingPathComponent("bakeoff").path, arguments, in: folder, environment: environment)
    }

    /// Runs any program (an absolute path) the same way: no stdin, both outputs captured.
    public static func runExecutable(
        _ executable: String, _ arguments: [String], in folder: String? = nil, environment: [String: String] = [:]
    ) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes concurrently so a large output cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// Compares `actual` with the golden file `name` beside the calling test; `RECORD_SNAPSHOTS=1` re-records it.
public func assertGolden(
    _ actual: String, named name: String, file: StaticString = #filePath, line: UInt = #line
) {
    let folder = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Golden")
    let url = folder.appendingPathComponent(name)
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    if record || !FileManager.default.fileExists(atPath: url.path) {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? Data(actual.utf8).write(to: url)
        if !record {
            XCTFail("recorded new golden file \(name); check it and run again", file: file, line: line)
        }
        return
    }
    let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    if expected != actual {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
        let expLine = first < e.count ? String(e[first]) : "<end>"
        let actLine = first < a.count ? String(a[first]) : "<end>"
        XCTFail(
            "\(name) differs from its golden file at line \(first + 1):\n- \(expLine)\n+ \(actLine)\n(RECORD_SNAPSHOTS=1 re-records)",
            file: file, line: line)
    }
}
