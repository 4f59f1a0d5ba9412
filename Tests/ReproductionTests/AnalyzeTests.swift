import Foundation
import Formats
import Model
@testable import Pipeline
import Randomness
import Report
import Testing
@testable import Reproduction
import TestSupport

/// Issue 27 §3: `repro analyze` on files a user brings, through the pipeline.
@Suite(.serialized) struct AnalyzeTests {
    /// A scratch repository root holding the report template, two configurations (extended XYZ and
    /// a LAMMPS dump with shuffled ids) and their propensities (an N × 2 matrix and a vector).
    struct Scratch {
        let root: URL
        var cache: URL { root.appendingPathComponent(".cache") }

        init(n: Int = 150) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("analyze-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("report"), withIntermediateDirectories: true)
            let template = ManifestTests.manifest.deletingLastPathComponent().appendingPathComponent("analyze.md")
            try FileManager.default.copyItem(at: template, to: root.appendingPathComponent("report/analyze.md"))
            for k in 0..<2 {
                var stream = RandomStream(seed: 27, purpose: .testData, indices: [UInt64(k)])
                let c = try Configuration.jitteredLattice(n: n, stream: &stream)
                let p = AnalyzeTests.propensity(c, stream: &stream)
                if k == 0 {
                    try ExtendedXYZ.write(c, to: url("c0.xyz"))
                    // Column 1 is p; column 0 is noise, which must not be read.
                    try NpyArray(rows: p.map { [stream.gaussian(), $0] }).write(to: url("p0.npy"))
                } else {
                    var order = Array(0..<n)
                    for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, Int(stream.uniform() * Double(i + 1))) }
                    try writeAtomically(Fixtures.lammpsFrame(c, order: order), to: url("c1.dump"))
                    try NpyArray(p).write(to: url("p1.npy"))  // id order = the configuration's order
                }
            }
        }

        func url(_ name: String) -> URL { root.appendingPathComponent(name) }
        func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: url(name).path) }

        func analysis(_ configurations: [String] = ["c0.xyz", "c1.dump"], _ propensities: [String] = ["p0.npy:1", "p1.npy"],
                      name: String = "mine", edit: (inout AnalysisRequest) -> Void = { _ in }) throws -> AnalysisRun {
            var r = AnalysisRequest(configurations: configurations, propensities: propensities)
            r.name = name; r.maxD = 10
            edit(&r)
            return try AnalysisRun(r, root: root, cache: cache, jobs: 2)
        }
    }

    /// A propensity with a structural part (a smooth local density, larger for crowded particles)
    /// and seeded noise, so that the features carry some but not all of its information.
    static func propensity(_ c: Configuration, stream: inout RandomStream) -> [Double] {
        (0..<c.count).map { i in
            var density = 0.0
            for j in 0..<c.count where j != i {
                let (dx, dy) = c.separation(i, j)
                density += exp(-(dx * dx + dy * dy) / 2)
            }
            return density + 0.3 * stream.gaussian()
        }
    }

    static func verdicts(_ s: Scratch, _ name: String) throws -> [String: String] {
        let data = try Data(contentsOf: s.url("report/build/\(name)/expectations.json"))
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        return Dictionary(uniqueKeysWithValues: (json["expectations"] as! [[String: Any]]).map { ($0["name"] as! String, $0["verdict"] as! String) })
    }

    static let figures = ["fig04_descriptors", "fig05_supervised", "fig06_unsupervised", "fig07_prediction", "fig08_scatter", "fig09_species"]

    @Test func twoConfigurationsGiveAReportWithFigures4To9AndCheckedExpectationsThenANoOpRerun() throws {
        let s = try Scratch()
        defer { try? FileManager.default.removeItem(at: s.root) }
        let analysis = try s.analysis()
        #expect(try analysis.taskStatuses().allSatisfy { $0.state == .missing })
        _ = try analysis.run(log: { _ in })
        for f in Self.figures { #expect(s.exists("figures/mine/\(f).png") && s.exists("figures/mine/\(f).pdf"), "\(f)") }
        #expect(s.exists("report/build/mine/report.md") && s.exists("report/build/mine/report.html"))
        #expect(s.exists("results/mine/values.json") && s.exists("results/mine/analysis/imbalance.json"))
        let verdicts = try Self.verdicts(s, "mine")
        // The checks that follow from the definition of Δ and of a greedy selection pass; each check has a verdict.
        #expect(verdicts["delta-nonnegative"] == "pass" && verdicts["delta-below-two"] == "pass")
        #expect(verdicts["supervised-delta-decreases"] == "pass" && verdicts["unsupervised-delta-falls"] == "pass")
        #expect(Set(verdicts.keys) == ["delta-nonnegative", "delta-below-two", "supervised-delta-decreases",
                                       "unsupervised-delta-falls", "single-feature-symmetry", "supervised-saturates-by-d10"])
        #expect(verdicts.values.allSatisfy { ["pass", "fail"].contains($0) })
        let report = try String(contentsOf: s.url("report/build/mine/report.md"), encoding: .utf8)
        // What was given: both files with their SHA-256, N and the model.
        let sha = try Store.sha256(path: s.url("c1.dump").path)
        #expect(report.contains("c0.xyz") && report.contains("c1.dump") && report.contains(String(sha.prefix(16))))
        #expect(report.contains("300 particles in all") && report.contains("leave one configuration out"))
        #expect(report.contains("paper (reference)"))
        let values = try ValueStore.load(s.url("results/mine/values.json"))
        #expect(values.values["configurations"] == .integer(2) && values.values["analysed"] == .integer(2))

        // Cached: every task done, a second run computes nothing and publishes the same report.
        #expect(try analysis.taskStatuses().allSatisfy { $0.state == .done })
        let before = try Data(contentsOf: s.url("results/mine/values.json"))
        let log = LogLines()
        _ = try analysis.run(log: log.append)
        #expect(!log.text.contains("ran "), "\(log.text)")
        #expect(try Data(contentsOf: s.url("results/mine/values.json")) == before)

        // An edited propensity re-runs what depends on it, not the features.
        var p1 = try NpyArray.read(from: s.url("p1.npy"))
        p1.values[0] += 1
        try p1.write(to: s.url("p1.npy"))
        let states = Dictionary(uniqueKeysWithValues: try s.analysis().taskStatuses().map { ($0.id.description, $0.state) })
        #expect(states["descriptors[1]"] == .done && states["configuration[1]"] == .done)
        #expect(states["propensity[1]"] == .stale && states["imbalance"] == .stale && states["propensity[0]"] == .done, "\(states)")
    }

    @Test func oneConfigurationFallsBackToASeededSplitOfItsParticlesAndSaysSo() throws {
        let s = try Scratch(n: 200)
        defer { try? FileManager.default.removeItem(at: s.root) }
        // With rank k = 2 and Δ on 60 of each half's 100 points: both reach the imbalance stage.
        let analysis = try s.analysis(["c0.xyz"], ["p0.npy:1"], name: "one") { $0.k = 2; $0.subsample = 60; $0.seed = 3 }
        let imbalance = try #require(try analysis.load().1.tasks.first { $0.kind.name == ImbalanceStage.kind.name })
        #expect(imbalance.parameters.int("k") == 2 && imbalance.parameters.int("subsample") == 60 && imbalance.parameters.int("subsample_seed") == 3)
        _ = try analysis.run(log: { _ in })
        let values = try ValueStore.load(s.url("results/one/values.json"))
        #expect(values.values["configurations"] == .integer(1) && values.values["analysed"] == .integer(2))
        #expect(values.values["rank_k"] == .integer(2) && values.values["subsample"] == .integer(60))
        let artifact = try Artifact.readJSON(ImbalanceArtifact.self, from: s.url("results/one/analysis/imbalance.json"))
        #expect(artifact.timescales[0].supervised.count == 2 && artifact.timescales[0].qToP.allSatisfy(\.isNaN))
        let report = try String(contentsOf: s.url("report/build/one/report.md"), encoding: .utf8)
        #expect(report.contains(AnalysisRequest.splitRule))
        for f in Self.figures { #expect(s.exists("figures/one/\(f).png"), "\(f)") }
        // The halves partition the particles.
        let halves = try (0..<2).map { try AnalysisStages.halfRows(points: 200, half: $0, seed: 7) }
        #expect(halves[0].count == 100 && Set(halves[0] + halves[1]) == Set(0..<200) && Set(halves[0]).isDisjoint(with: halves[1]))
        #expect(halves[0] != Array(0..<100))
    }

    @Test func badInputIsRefusedBeforeAnyComputeWithTheFileAndTheAllowedValues() throws {
        let s = try Scratch(n: 75)
        defer { try? FileManager.default.removeItem(at: s.root) }
        try NpyArray([Double](repeating: 1, count: 74)).write(to: s.url("short.npy"))
        try NpyArray([Double](repeating: 1, count: 75)).write(to: s.url("constant.npy"))
        try writeAtomically("potential = \"smoothed-lj\"\ncutoff = 2.5\n[[species]]\nname = \"A\"\ntype = 1\n[[species]]\nname = \"B\"\ntype = 2\n"
                            + "[sigma]\nA-A = 1.0\nA-B = 1.1\nB-B = 1.2\n[epsilon]\nA-A = 1.0\nA-B = 1.0\nB-B = 1.0\n", to: s.url("binary.toml"))
        let cases: [(configurations: [String], propensities: [String], edit: (inout AnalysisRequest) -> Void, message: String)] = [
            (["c0.xyz"], ["short.npy"], { _ in }, "74 values, but configuration c0.xyz has N = 75 particles"),
            (["nowhere.xyz"], ["p1.npy"], { _ in }, "--configurations nowhere.xyz: cannot read file"),
            (["c0.xyz", "c1.dump"], ["p0.npy:1"], { _ in }, "--propensity: 1 given for 2 configuration(s)"),
            (["c0.xyz"], ["p0.npy:5"], { _ in }, "no column 5"),
            (["c0.xyz"], ["p0.npy"], { _ in }, "one column is needed, the array has 2"),
            (["c0.xyz"], ["p0.npy:1"], { $0.name = "../x" }, "--name '../x': "),
            (["c0.xyz"], ["p0.npy:1"], { $0.name = "smoke" }, "--name 'smoke': the study's profile"),
            (["c1.dump"], ["p1.npy"], { $0.model = s.url("binary.toml").path }, "--configurations c1.dump: "),
            (["c0.xyz"], ["p0.npy:1"], { $0.subsample = 10 }, "--subsample M and --seed S go together"),
            (["c0.xyz"], ["constant.npy"], { _ in }, "--propensity constant.npy: every value is 1.0; ρ and Δ need a propensity that varies"),
            (["c0.xyz"], ["p0.npy:1"], { $0.k = 37 }, "--k 37: must be below the number of points, 37"),
            (["c0.xyz"], ["p0.npy:1"], { $0.subsample = 38; $0.seed = 1 }, "--subsample 38: more than the 37 particles"),
        ]
        for c in cases {
            #expect(throws: AnalysisInputError.self) { try s.analysis(c.configurations, c.propensities, name: "bad", edit: c.edit) }
            do { _ = try s.analysis(c.configurations, c.propensities, name: "bad", edit: c.edit) } catch {
                #expect("\(error)".contains(c.message), "\(error)")
            }
        }
        #expect(!s.exists(".cache") && !s.exists("results") && !s.exists("figures"))
    }
}

/// Log lines collected across threads.
final class LogLines: @unchecked Sendable {
    private var lines: [String] = []
    private let lock = NSLock()
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return lines.joined(separator: "\n") }
}
