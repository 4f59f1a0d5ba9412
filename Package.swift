// swift-tools-version:6.0
// The science half (Model … Regression) knows nothing of manifests or reports; the tool half
// (Pipeline, PipelineSlurm, Report) knows nothing of physics; Reproduction joins them; `repro` is
// a thin CLI on top of Reproduction and the tool.
import Foundation
import PackageDescription

// Hot loops run with bounds checks off in release builds; debug builds keep every check. Release
// builds target the building machine's CPU (AVX-512 lanes where it has them); set
// REPRO_TARGET_CPU to a CPU name (e.g. `haswell`) when the binary runs elsewhere, such as Slurm
// compute nodes older than the login node, or to `generic` for the baseline. Results do not depend
// on it: no floating-point contraction is allowed, so every operation rounds the same way.
let targetCPU = ProcessInfo.processInfo.environment["REPRO_TARGET_CPU"] ?? "native"
let cpuFlags = targetCPU == "generic" ? [] : ["-target-cpu", targetCPU]
let fast: [SwiftSetting] = [.unsafeFlags(["-Ounchecked", "-wmo"] + cpuFlags, .when(configuration: .release))]

let package = Package(
    name: "Repro",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "repro", targets: ["repro"]),
        .executable(name: "bench", targets: ["bench"]),
        // The build tool, for other studies (examples/minimal, docs/build-tool.md).
        .library(name: "Pipeline", targets: ["Pipeline"]),
        .library(name: "Report", targets: ["Report"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // Science half.
        .target(name: "Formats"),
        .target(name: "Statistics", swiftSettings: fast),
        .target(name: "Randomness", swiftSettings: fast),
        .target(name: "Model", dependencies: ["Formats", "Randomness", .product(name: "TOMLKit", package: "TOMLKit")], swiftSettings: fast),
        .target(name: "MonteCarlo", dependencies: ["Model", "Randomness"], swiftSettings: fast),
        .target(name: "Dynamics", dependencies: ["Model", "MonteCarlo", "Randomness"], swiftSettings: fast),
        .target(name: "Descriptors", dependencies: ["Model", "Formats", "Statistics"], swiftSettings: fast),
        .target(name: "InformationImbalance", dependencies: ["Randomness", "Statistics"], swiftSettings: fast),
        .target(name: "Regression", dependencies: ["Randomness", "Statistics"], swiftSettings: fast),
        // Plotting takes plain arrays and imports nothing of ours.
        .systemLibrary(name: "CCairo", pkgConfig: "pangocairo",
                       providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]),
        .target(name: "Plotting", dependencies: ["CCairo"]),
        // Figures from synthetic data, for tests and benchmarks only (not part of any product).
        .target(name: "PlottingFixtures", dependencies: ["Plotting"], path: "Tests/PlottingFixtures"),
        // Tool half: manifest, graph, store, plan and local executor; the Slurm executor; the report
        // (values, template renderer, expectations, diff, pandoc).
        .target(name: "Pipeline", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "TOMLKit", package: "TOMLKit"),
        ], exclude: ["README.md"]),
        .target(name: "PipelineSlurm", dependencies: ["Pipeline"]),
        .target(name: "Report", dependencies: ["Pipeline"]),
        // The join: manifest stage kinds → science calls, figures, report.
        .target(name: "Reproduction", dependencies: [
            "Formats", "Randomness", "Model", "MonteCarlo", "Dynamics", "Descriptors",
            "InformationImbalance", "Regression", "Statistics", "Plotting", "Pipeline", "PipelineSlurm", "Report",
        ], resources: [.copy("Resources/published_values.json")], plugins: ["SourceFingerprints"]),
        // Build time: a hash of each science module's sources, recorded with every cache entry,
        // and the commit of the checkout (read from git's files by GitHead), named by --version.
        .target(name: "GitHead"),
        .executableTarget(name: "fingerprint-sources", dependencies: ["GitHead"]),
        .plugin(name: "SourceFingerprints", capability: .buildTool(), dependencies: ["fingerprint-sources"]),
        // The CLI reaches the science only through Reproduction (its stage parameters and re-exports).
        .executableTarget(name: "repro", dependencies: [
            "Reproduction", "Pipeline", "PipelineSlurm", "Report",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "bench", dependencies: [
            "Randomness", "Model", "MonteCarlo", "Descriptors", "InformationImbalance", "Regression", "Plotting",
            "PlottingFixtures",
        ], swiftSettings: fast),
        // Short measurement of swap acceptance and energy relaxation (sizes the paper profile's equilibration).
        .executableTarget(name: "equilibration-probe", dependencies: ["Randomness", "Model", "MonteCarlo"], swiftSettings: fast),

        // Tests mirror the modules; shared fixtures live in TestSupport.
        .target(name: "TestSupport", dependencies: ["Model", "Randomness"], path: "Tests/TestSupport"),
        .testTarget(name: "FormatsTests", dependencies: ["Formats", "TestSupport"]),
        .testTarget(name: "RandomnessTests", dependencies: ["Randomness"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics"]),
        .testTarget(name: "ModelTests", dependencies: ["Model", "TestSupport"]),
        .testTarget(name: "MonteCarloTests", dependencies: ["MonteCarlo", "TestSupport"]),
        .testTarget(name: "DynamicsTests", dependencies: ["Dynamics", "TestSupport"]),
        .testTarget(name: "DescriptorsTests", dependencies: ["Descriptors", "Formats", "Randomness", "TestSupport"]),
        .testTarget(name: "InformationImbalanceTests", dependencies: ["InformationImbalance", "Randomness", "Statistics"]),
        .testTarget(name: "RegressionTests", dependencies: ["Regression", "Statistics"]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "PlottingFixtures"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "PipelineSlurm", "Report"]),
        .testTarget(name: "ReproductionTests", dependencies: ["Reproduction", "Report", "PipelineSlurm", "InformationImbalance", "Statistics", "TestSupport"],
                    exclude: ["Fixtures"]),  // read by path (ValueEncodingTests)
        // The CLI: option validation in process, signals and exit codes on the built binary.
        .testTarget(name: "ReproTests", dependencies: ["repro", "Reproduction", "Pipeline", "Model", "Formats", "TestSupport", "GitHead"]),
    ],
    swiftLanguageModes: [.v5]
)
