import BakeoffModel

/// `.github/workflows/bakeoff.yml` as `bakeoff ci init` writes it: a matrix of shards that each run their share
/// and upload their run files, a job that merges them and builds the reports, and one that publishes the site.
///
/// Pure: the project's schedule and adapters plus the shard estimates in, YAML text out (same inputs, same
/// bytes). Ids are the only project text that reaches the file, and ids are `[a-z0-9._-]`.
public struct WorkflowFile: Sendable {
    /// The first line: how `ci init` recognises a file it wrote (and may overwrite).
    public static let marker = "# Written by 'bakeoff ci init'. Run it again to update this file; edit bakeoff.yaml, not this."

    /// Where bakeoff comes from in CI.
    public enum Source: Sendable, Equatable {
        /// The project is the bakeoff repository itself (Package.swift at its root): build it in place.
        case inPlace
        /// Check out `repository` (owner/name) at `ref` and build it there.
        case repository(String, ref: String)

        /// `owner/name@ref`, or nil.
        public init?(parsing text: String) {
            let parts = text.split(separator: "@", maxSplits: 1).map(String.init)
            let safe: (String) -> Bool = { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) } }
            guard parts.count == 2, parts[0].split(separator: "/").count == 2, safe(parts[0]), safe(parts[1]) else { return nil }
            self = .repository(parts[0], ref: parts[1])
        }
    }

    /// Per shard (index 0 is shard 1): its units and expected minutes (nil: never measured).
    public var shards: [(units: [String], minutes: Double?)]
    public var repetitions: Int
    /// `6.3`: the Swift toolchain to build bakeoff with.
    public var swiftVersion: String
    public var source: Source
    /// Debian packages the adapters install from (`install: {debian: [...]}`), sorted.
    public var debianPackages: [String]
    /// The check-in due dates (bakeoff.yaml `checkins.schedule`).
    public var dueDates: [Day]

    public init(
        shards: [(units: [String], minutes: Double?)], repetitions: Int, swiftVersion: String, source: Source,
        debianPackages: [String], dueDates: [Day]
    ) {
        self.shards = shards
        self.repetitions = repetitions
        self.swiftVersion = swiftVersion
        self.source = source
        self.debianPackages = debianPackages
        self.dueDates = dueDates
    }

    /// An adapter's Debian package name that cannot go into the workflow: it reaches a shell line.
    public struct InvalidPackage: Error, CustomStringConvertible, Sendable {
        /// The adapter's `adapter.yaml`, relative to the project.
        public var file: String
        public var name: String

        public var description: String {
            "\(file): install.debian: '\(name)' is not a Debian package name; use lower-case letters, digits, '+', '-' and '.'"
        }
    }

    /// The Debian packages the project's adapters install from (`install: {debian: [...]}`), sorted; a name
    /// outside Debian's own package-name alphabet is an error.
    public static func debianPackages(of project: Project) throws(InvalidPackage) -> [String] {
        var packages: Set<String> = []
        for stage in project.stages {
            for adapter in stage.adapters {
                guard case .debian(let names, _) = adapter.install else { continue }
                for name in names {
                    guard isDebianPackageName(name) else {
                        throw InvalidPackage(file: "\(adapter.directory)/adapter.yaml", name: name)
                    }
                    packages.insert(name)
                }
            }
        }
        return packages.sorted()
    }

    static func isDebianPackageName(_ name: String) -> Bool {
        name.count >= 2 && name.first.map { $0.isLowercase || $0.isNumber } == true
            && name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || "+-.".contains($0) }
    }

    /// Day of the week, 0 = Sunday … 6 = Saturday (Sakamoto's method, Gregorian calendar).
    static func weekday(_ d: Day) -> Int {
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = d.month < 3 ? d.year - 1 : d.year
        return (y + y / 4 - y / 100 + y / 400 + offsets[d.month - 1] + d.day) % 7
    }

    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// The weekly run: 04:00 UTC on the day before the check-ins' most common weekday (the earliest weekday
    /// among equals), so the site is fresh the day the post is due. Mondays when there is no schedule.
    public var cron: (expression: String, why: String) {
        var counts = [Int](repeating: 0, count: 7)
        for d in dueDates { counts[Self.weekday(d)] += 1 }
        let due = dueDates.isEmpty ? 2 : counts.indices.max { counts[$0] != counts[$1] ? counts[$0] < counts[$1] : $0 > $1 }!
        let run = (due + 6) % 7
        let why = dueDates.isEmpty
            ? "\(Self.dayNames[run])s 04:00 UTC (bakeoff.yaml has no check-in schedule)"
            : "\(Self.dayNames[run])s 04:00 UTC, the day before the check-ins (\(counts[due]) of \(dueDates.count) due on a \(Self.dayNames[due]) in bakeoff.yaml)"
        return ("0 4 * * \(run)", why)
    }

    /// The whole file.
    public func render() -> String {
        let n = shards.count
        let known = shards.compactMap(\.minutes)
        let longest = known.max() ?? 0
        // Three times the longest expected shard plus install and build time, at least an hour; GitHub's cap is 360.
        let timeout = min(360, max(60, Int((longest * 3 + 30).rounded(.up))))
        var y: [String] = [Self.marker]
        y.append("#")
        y.append("# Every shard runs whole stages (all candidates of a stage on one machine, repetitions interleaved)")
        y.append("# and single integration pairs; together the \(n) shards run everything once. Expected minutes per")
        y.append("# shard at \(repetitions) repetitions, from the committed runs (evidence/runs):")
        for (i, shard) in shards.enumerated() {
            let minutes = shard.minutes.map { "\(Numbers.fixed($0, decimals: 1)) min" } ?? "unknown (never measured)"
            y.append("#   shard \(i + 1)/\(n): \(minutes), \(shard.units.count) unit\(shard.units.count == 1 ? "" : "s")")
        }
        y.append("# See docs/ci.md.")
        y.append("name: bakeoff")
        y.append("")
        y.append("on:")
        y.append("  schedule:")
        y.append("    # \(cron.why)")
        y.append("    - cron: \"\(cron.expression)\"")
        y.append("  workflow_dispatch:")
        y.append("    inputs:")
        y.append("      stage:")
        y.append("        description: \"Only this stage (an id under stages/); empty runs every stage and integration pair\"")
        y.append("        required: false")
        y.append("        default: \"\"")
        y.append("        type: string")
        y.append("      tool:")
        y.append("        description: \"Only this tool (a candidate id); empty runs every candidate\"")
        y.append("        required: false")
        y.append("        default: \"\"")
        y.append("        type: string")
        y.append("")
        y.append("permissions:")
        y.append("  contents: read")
        y.append("")
        y.append("# One weekly run at a time; a manual run waits for the scheduled one instead of cancelling it.")
        y.append("concurrency:")
        y.append("  group: bakeoff")
        y.append("  cancel-in-progress: false")
        y.append("")
        y.append("env:")
        y.append("  BAKEOFF_REPEAT: \"\(repetitions)\"")
        y.append("")
        y.append("jobs:")
        y.append("  build:")
        y.append("    name: build bakeoff")
        y.append("    runs-on: ubuntu-24.04")
        y.append("    timeout-minutes: 30")
        y.append("    steps:")
        y.append(contentsOf: checkout)
        y.append("      - uses: swift-actions/setup-swift@v2")
        y.append("        with:")
        y.append("          swift-version: \"\(swiftVersion)\"")
        y.append("      - name: C libraries bakeoff links")
        y.append("        run: sudo apt-get update -qq && sudo apt-get install -y -qq \(Self.libraries.joined(separator: " "))")
        switch source {
        case .inPlace:
            y.append("      - name: Build (static Swift runtime, so the other jobs need no toolchain)")
            y.append("        run: swift build -c release --static-swift-stdlib --product bakeoff && cp .build/release/bakeoff bakeoff-bin")
        case .repository(let repository, let ref):
            y.append("      - uses: actions/checkout@v4")
            y.append("        with:")
            y.append("          repository: \(repository)")
            y.append("          ref: \(ref)")
            y.append("          path: .bakeoff-src")
            y.append("      - name: Build (static Swift runtime, so the other jobs need no toolchain)")
            y.append("        run: swift build --package-path .bakeoff-src -c release --static-swift-stdlib --product bakeoff && cp .bakeoff-src/.build/release/bakeoff bakeoff-bin")
        }
        y.append("      - uses: actions/upload-artifact@v4")
        y.append("        with:")
        y.append("          name: bakeoff-bin")
        y.append("          path: bakeoff-bin")
        y.append("          retention-days: 1")
        y.append("")
        y.append("  shard:")
        y.append("    name: shard ${{ matrix.shard }}/\(n)")
        y.append("    needs: build")
        y.append("    runs-on: ubuntu-24.04")
        y.append("    timeout-minutes: \(timeout)")
        y.append("    strategy:")
        y.append("      fail-fast: false")
        y.append("      matrix:")
        y.append("        shard: [\((1...max(1, n)).map(String.init).joined(separator: ", "))]")
        y.append("    steps:")
        y.append(contentsOf: checkout)
        y.append(contentsOf: fetchBinary)
        let debian = Self.libraries + debianPackages
        y.append("      - name: Libraries and the adapters' Debian packages")
        y.append("        run: sudo apt-get update -qq && sudo apt-get install -y -qq \(debian.joined(separator: " "))")
        y.append("      # uv's cache (downloaded wheels and Pythons) is kept between weekly runs, keyed on the lock files.")
        y.append("      - uses: astral-sh/setup-uv@v6")
        y.append("        with:")
        y.append("          enable-cache: true")
        y.append("          cache-dependency-glob: |")
        y.append("            stages/**/*.lock")
        y.append("            integrations/**/*.lock")
        y.append("      - name: Run this shard")
        y.append("        env:")
        y.append("          SHARD: ${{ matrix.shard }}/\(n)")
        y.append("          STAGE: ${{ inputs.stage }}")
        y.append("          TOOL: ${{ inputs.tool }}")
        y.append("        run: |")
        y.append("          args=(--shard \"$SHARD\" --repeat \"$BAKEOFF_REPEAT\")")
        y.append("          if [ -n \"$STAGE\" ]; then args+=(--stage \"$STAGE\"); fi")
        y.append("          if [ -n \"$TOOL\" ]; then args+=(--tool \"$TOOL\"); fi")
        y.append("          # Without inputs: every stage and every integration pair.")
        y.append("          if [ -z \"$STAGE\" ] && [ -z \"$TOOL\" ]; then args+=(--stage all --integration all); fi")
        y.append("          if [ -z \"$STAGE\" ] && [ -n \"$TOOL\" ]; then args+=(--stage all); fi")
        y.append("          ./bakeoff run \"${args[@]}\"")
        y.append("      - name: Keep this shard's run files")
        y.append("        if: always()")
        y.append("        uses: actions/upload-artifact@v4")
        y.append("        with:")
        y.append("          name: runs-shard-${{ matrix.shard }}")
        y.append("          path: evidence/runs/*.json")
        y.append("          if-no-files-found: ignore")
        y.append("")
        y.append("  merge:")
        y.append("    name: merge and build the reports")
        y.append("    needs: [build, shard]")
        y.append("    # A failed shard still leaves the others' evidence worth publishing; the site says what is missing.")
        y.append("    if: ${{ !cancelled() && needs.build.result == 'success' }}")
        y.append("    runs-on: ubuntu-24.04")
        y.append("    timeout-minutes: 20")
        y.append("    steps:")
        y.append(contentsOf: checkout)
        y.append(contentsOf: fetchBinary)
        y.append("      - name: Libraries")
        y.append("        run: sudo apt-get update -qq && sudo apt-get install -y -qq \(Self.libraries.joined(separator: " "))")
        y.append("      - uses: actions/download-artifact@v4")
        y.append("        with:")
        y.append("          pattern: runs-shard-*")
        y.append("          path: incoming")
        y.append("      - name: Merge the shards' run files")
        y.append("        run: |")
        y.append("          mkdir -p incoming")
        y.append("          ./bakeoff evidence merge incoming")
        y.append("      - name: Check (warns when a stage compares runs from machines of different speed)")
        y.append("        run: ./bakeoff check")
        y.append("      - name: Build the reports")
        y.append("        run: ./bakeoff build")
        y.append("      - name: Keep the merged run files (download and commit them to keep the evidence)")
        y.append("        uses: actions/upload-artifact@v4")
        y.append("        with:")
        y.append("          name: evidence-runs")
        y.append("          path: evidence/runs/*.json")
        y.append("      - uses: actions/upload-pages-artifact@v3")
        y.append("        with:")
        y.append("          path: reports/site")
        y.append("")
        y.append("  publish:")
        y.append("    name: publish the site")
        y.append("    needs: merge")
        y.append("    if: ${{ !cancelled() && needs.merge.result == 'success' }}")
        y.append("    runs-on: ubuntu-24.04")
        y.append("    timeout-minutes: 10")
        y.append("    permissions:")
        y.append("      pages: write")
        y.append("      id-token: write")
        y.append("    environment:")
        y.append("      name: github-pages")
        y.append("      url: ${{ steps.deployment.outputs.page_url }}")
        y.append("    steps:")
        y.append("      - id: deployment")
        y.append("        uses: actions/deploy-pages@v4")
        return y.joined(separator: "\n") + "\n"
    }

    /// The C libraries bakeoff links (as scripts/install-deps.sh installs them; the -dev packages pull in the
    /// shared libraries under whatever name the runner's release gives them).
    static let libraries = ["libcmark-gfm-dev", "libcmark-gfm-extensions-dev", "libsqlite3-dev"]

    private var checkout: [String] {
        [
            "      - uses: actions/checkout@v4"
        ]
    }

    private var fetchBinary: [String] {
        [
            "      - uses: actions/download-artifact@v4",
            "        with:",
            "          name: bakeoff-bin",
            "      - run: chmod +x bakeoff-bin && mv bakeoff-bin bakeoff",
        ]
    }
}
