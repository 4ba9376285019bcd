import BakeoffModel
import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads the machine and software a run is measured on.
public enum ProvenanceProbe {
    public static func probe(
        projectRoot: String, bakeoffVersion: String, network: String, installEnvironment: [String: String],
        calibrationSeconds: Double = 0.1
    ) -> Provenance {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let cpu = value(in: cpuinfo, key: "model name", separator: ":") ?? "unknown"
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let memKiB = value(in: meminfo, key: "MemTotal", separator: ":")
            .flatMap { Int64($0.split(separator: " ").first ?? "") } ?? 0
        let release = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8)) ?? ""
        let os = value(in: release, key: "PRETTY_NAME", separator: "=")?
            .trimmingCharacters(in: CharacterSet(charactersIn: "\"")) ?? "unknown"
        var names = utsname()
        uname(&names)
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        let kernel = "\(text(names.sysname)) \(text(names.release)) \(text(names.machine))"
        let path = installEnvironment["PATH"] ?? StepEnvironment.basePath
        let python = Spawn.resolve("python3", path: path)
            .flatMap { Command.firstLine([$0, "--version"], environment: installEnvironment) } ?? "unknown"
        let uv = UV.find(environment: installEnvironment)
            .flatMap { Command.firstLine($0.command + ["--version"], environment: installEnvironment) } ?? "unknown"
        let git = Spawn.resolve("git", path: path).flatMap {
            Command.firstLine([$0, "-C", projectRoot, "rev-parse", "HEAD"], environment: installEnvironment)
        } ?? "unknown"
        return Provenance(
            cpuModel: cpu, cores: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), memoryBytes: memKiB * 1024, os: os,
            kernel: kernel, python: python, uv: uv, gitCommit: git, bakeoffVersion: bakeoffVersion, network: network,
            calibration: calibrate(seconds: calibrationSeconds))
    }

    /// The calibration workload's name: the loop, its time, and how this bakeoff was compiled (a debug build
    /// runs the loop several times slower, so only rates of the same build compare).
    public static var calibrationWorkload: String {
        #if DEBUG
        "xorshift64-100ms/debug"
        #else
        "xorshift64-100ms/release"
        #endif
    }

    /// Runs the calibration loop three times for `seconds` each and keeps the median rate.
    ///
    /// A fixed time rather than a fixed count bounds the cost (0.3 s per run) whatever the build or machine;
    /// the wall clock is the point, since a busy or throttled machine slows the steps' wall times alike.
    public static func calibrate(seconds: Double = 0.1) -> Calibration {
        let rates = (0..<3).map { _ in loopRate(seconds: seconds) }.sorted()
        return Calibration(workload: calibrationWorkload, iterationsPerSecond: rates[1].rounded())
    }

    /// Iterations of a xorshift64 step per second of monotonic wall time, counted in chunks of 2^14.
    static func loopRate(seconds: Double) -> Double {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var iterations: UInt64 = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let budget = UInt64(seconds * 1e9)
        var elapsed: UInt64 = 0
        repeat {
            for _ in 0..<16_384 {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
            }
            iterations += 16_384
            elapsed = DispatchTime.now().uptimeNanoseconds - start
        } while elapsed < budget
        // The state feeds the result so the optimizer cannot drop the loop; its effect is below one iteration.
        return Double(iterations) / (Double(elapsed) / 1e9) + Double(state & 1) * 1e-9
    }

    private static func value(in text: String, key: String, separator: Character) -> String? {
        for line in text.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: separator, maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == key {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// A run id like `20261129T041233Z-3fa2`.
    public static func runID(at date: Date = Date()) -> String {
        let stamp = isoBasic(date)
        let suffix = String(UInt16.random(in: 0...UInt16.max), radix: 16)
        return "\(stamp)-\(String(repeating: "0", count: 4 - suffix.count))\(suffix)"
    }

    /// `2026-11-29T04:12:33Z`.
    public static func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }

    static func isoBasic(_ date: Date) -> String {
        iso(date).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    }
}
