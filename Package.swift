// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "bakeoff",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bakeoff", targets: ["bakeoff"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // The command line: parse, call the kit, print, exit code.
        .executableTarget(
            name: "bakeoff",
            dependencies: [
                "BakeoffModel", "BakeoffFiles", "BakeoffCatalog", "BakeoffRunner", "BakeoffLedger", "BakeoffScoring",
                "BakeoffReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Value types, no I/O, no dependencies.
        .target(name: "BakeoffModel"),
        // Writing a file whole or not at all (temporary file, flush, rename): the one way every module writes one.
        .target(name: "BakeoffFiles"),
        // bakeoff.yaml, criteria/, stages/ → Model, with every problem located by file:line:col.
        .target(name: "BakeoffCatalog", dependencies: ["BakeoffModel", "BakeoffFiles", "Yams"]),
        // Environments, process launch (posix_spawn/wait4), scenario execution, sampling.
        .target(name: "BakeoffRunner", dependencies: ["BakeoffModel", "BakeoffFiles"]),
        // SQLite store: schema, migrations, run-file import/export.
        .target(
            name: "BakeoffLedger",
            dependencies: ["BakeoffModel", "BakeoffFiles", .product(name: "GRDB", package: "GRDB.swift")]),
        // Indicators, normalization, weights, cost model, sensitivity: pure functions.
        .target(name: "BakeoffScoring", dependencies: ["BakeoffModel"]),
        // View models → Markdown → HTML, SVG, posts, slides.
        .target(
            name: "BakeoffReports",
            dependencies: ["BakeoffModel", "BakeoffScoring", "BakeoffFiles", "CCmarkGFM"]),
        // Benchmarks and cross-checks of the scoring (bench/): synthetic projects, the Monte Carlo timing, the
        // matrices pymcdm re-ranks. Apart from the product so `score` has no hidden options.
        .target(name: "BakeoffBench", dependencies: ["BakeoffModel", "BakeoffScoring"]),
        .executableTarget(
            name: "bakeoff-bench",
            dependencies: [
                "BakeoffBench", "BakeoffModel", "BakeoffReports", "BakeoffScoring",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // Small in-memory projects scored, shared by the scoring tests and the tests of what renders a scoreboard.
        .target(name: "ScoringFixture", dependencies: ["BakeoffModel", "BakeoffScoring"], path: "Tests/ScoringFixture"),
        .testTarget(name: "BakeoffModelTests", dependencies: ["BakeoffModel", "TestSupport"]),
        .testTarget(name: "BakeoffFilesTests", dependencies: ["BakeoffFiles", "TestSupport"]),
        .testTarget(name: "BakeoffCatalogTests", dependencies: ["BakeoffCatalog", "TestSupport"]),
        .testTarget(name: "BakeoffRunnerTests", dependencies: ["BakeoffRunner", "TestSupport"]),
        .testTarget(name: "BakeoffLedgerTests", dependencies: ["BakeoffLedger", "TestSupport"]),
        .testTarget(name: "BakeoffScoringTests", dependencies: ["BakeoffScoring", "BakeoffBench", "ScoringFixture", "TestSupport"]),
        .testTarget(
            name: "BakeoffReportsTests", dependencies: ["BakeoffReports", "BakeoffBench", "ScoringFixture", "TestSupport"],
            exclude: ["Deliverables/Golden", "Site/Golden"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
