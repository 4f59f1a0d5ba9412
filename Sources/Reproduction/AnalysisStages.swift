import Foundation
import Formats
import InformationImbalance
import Model
import Pipeline

/// What `repro analyze` was given for one configuration, recorded by the import stage and quoted
/// by the report.
struct ConfigurationRecord: Codable, Sendable, Equatable {
    var path: String
    var sha256: String
    var format: String
    /// The frame read: 0-based, negative from the end (-1: the last).
    var frame: Int
    var n: Int
    var lx: Double
    var ly: Double
    /// Particles per species slot S, M, L (0 for a slot the model leaves empty).
    var speciesCounts: [Int]
}

/// The stage kinds that bring a user's files into the store for `repro analyze` (issue 27 §3),
/// and the seeded two-fold split used when only one configuration is given. Each import is keyed
/// by the file's SHA-256 (a parameter), so an edited file re-runs exactly what depends on it.
enum AnalysisStages {
    static let mixtureFile = "mixture.json", recordFile = "input.json"
    /// The propensity's time label in the stage outputs: the user's data has one timescale.
    static let label = Timescale.given

    static let configuration = StudyKind(StageKind(
        "analysis_configuration", version: 1,
        fields: [
            FieldSpec("path", .string, help: "the configuration file (absolute path)"),
            FieldSpec("sha256", .string, help: "its SHA-256, checked before it is read"),
            FieldSpec("format", .string, allowed: ConfigurationFormat.allCases.map { .string($0.rawValue) }, help: "file format"),
            FieldSpec("frame", .int, default: .int(-1), help: "frame of a multi-frame file: 0-based, negative from the end (-1: the last)"),
            FieldSpec("model_path", .string, default: .string(""), help: "model TOML (empty: the paper's model, built in)"),
            FieldSpec("model_sha256", .string, default: .string(""), help: "the model file's SHA-256"),
        ],
        exports: { ctx in
            let dir = String(format: "config_%02d", ctx.taskID.index ?? 0)
            return [ExportItem(file: recordFile, as: "\(dir)/\(recordFile)")]
        },
        run: importConfiguration),
        modules: ["Formats", "Model", "Reproduction"])

    static let propensity = StudyKind(StageKind(
        "analysis_propensity", version: 1,
        fields: [
            FieldSpec("path", .string, help: "the .npy file (absolute path)"),
            FieldSpec("column", .string, default: .string(""), help: "the column: an index, a name, or empty for a 1-D array"),
            FieldSpec("sha256", .string, help: "its SHA-256, checked before it is read"),
        ],
        run: importPropensity),
        modules: ["Formats", "Reproduction"])

    static let split = StudyKind(StageKind(
        "analysis_split", version: 1,
        inputs: [InputSpec("descriptors"), InputSpec("propensity")],
        run: splitHalf),
        modules: ["Formats", "Randomness", "InformationImbalance", "Reproduction"])

    /// Reads the file after checking it is the one validated (same SHA-256).
    static func checkedFile(_ p: Parameters, path: String = "path", sha: String = "sha256") throws -> URL {
        let url = URL(fileURLWithPath: p.string(path))
        let actual = try Store.sha256(path: url.path)
        guard actual == p.string(sha) else {
            throw ReproductionError.invalid("\(url.path): changed since it was validated (SHA-256 \(actual), expected \(p.string(sha))); run again")
        }
        return url
    }

    static func model(_ p: Parameters) throws -> ModelFile? {
        guard !p.string("model_path").isEmpty else { return nil }
        return try ModelFile.read(from: checkedFile(p, path: "model_path", sha: "model_sha256"))
    }

    @Sendable static func importConfiguration(_ context: TaskContext) throws {
        let p = context.parameters
        let url = try checkedFile(p)
        let model = try model(p)
        let format = ConfigurationFormat(rawValue: p.string("format"))!
        let c = try format.read(from: url, frame: p.int("frame"), speciesMap: model?.speciesMap ?? .paper)
        try ExtendedXYZ.write(c, to: context.output("configuration.xyz"))
        try Artifact.writeJSON(model?.mixture ?? .paper, to: context.output(mixtureFile))
        let counts = Species.allCases.map { s in c.species.filter { $0 == s }.count }
        try Artifact.writeJSON(ConfigurationRecord(path: url.path, sha256: p.string("sha256"), format: format.rawValue, frame: p.int("frame"),
                                                   n: c.count, lx: c.lx, ly: c.ly, speciesCounts: counts),
                               to: context.output(recordFile))
    }

    /// The mixture an imported configuration carries (nil for the study's own configurations).
    static func mixture(in directory: URL) throws -> Mixture? {
        let url = directory.appendingPathComponent(mixtureFile)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try Artifact.readJSON(Mixture.self, from: url)
    }

    @Sendable static func importPropensity(_ context: TaskContext) throws {
        let p = context.parameters
        let url = try checkedFile(p)
        let column = p.string("column")
        let reference = try ColumnReference(parsing: column.isEmpty ? url.path : "\(url.path):\(column)")
        try writePropensity(try reference.loadVector(), to: context.outputDirectory)
    }

    /// p at the one given time in the layout of the study's propensity stage; q and the
    /// half-ensembles were not measured, so they are NaN and `qMeasured` says so.
    static func writePropensity(_ p: [Double], to directory: URL) throws {
        if let bad = p.firstIndex(where: { !$0.isFinite }) {
            throw ReproductionError.invalid("the propensity holds \(p[bad]) at row \(bad); every value must be finite")
        }
        let n = p.count
        var values = [Double](repeating: .nan, count: 2 * n)
        for i in 0..<n { values[2 * i] = p[i] }
        try NpyArray(shape: [n, 2], values: values).write(to: directory.appendingPathComponent("propensity.npy"), allowNonFinite: true)
        try NpyArray(shape: [n, 2], values: [Double](repeating: .nan, count: 2 * n))
            .write(to: directory.appendingPathComponent("propensity_halves.npy"), allowNonFinite: true)
        try Artifact.writeJSON(propensityColumnNames([label]), to: directory.appendingPathComponent("propensity.names.json"))
        var times = PropensityTimes(labels: [label], times: [0], tauAlpha: .nan, runs: 0, temperature: .nan)
        times.qMeasured = false
        try Artifact.writeJSON(times, to: directory.appendingPathComponent("propensity.json"))
    }

    /// Half `index` (0 or 1) of the one configuration's particles: half 0 is a seeded draw of
    /// ⌊N/2⌋ particles (`Subsample.indices`, the task's seed), half 1 the rest. Writes features
    /// and propensity in the layouts the imbalance and regression stages read.
    @Sendable static func splitHalf(_ context: TaskContext) throws {
        let f = try FeatureData.read(from: context.input("descriptors").directory)
        let d = try PropensityData.read(from: context.input("propensity").directory)
        let rows = try halfRows(points: f.count, half: context.id.index ?? 0, seed: context.seed)
        let features = rows.flatMap { i in f.features[(i * f.featureCount)..<((i + 1) * f.featureCount)] }
        try Artifact.writeNpy(NpyArray(shape: [rows.count, f.featureCount], values: Array(features)), to: context.output("features.npy"))
        try Artifact.writeJSON(f.names, to: context.output("features.names.json"))
        try Artifact.writeNpy(NpyArray(int32: rows.map { Int32(f.species[$0]) }), to: context.output("species.npy"))
        let p = try d.p(label)
        try writePropensity(rows.map { p[$0] }, to: context.outputDirectory)
        try Artifact.writeJSON(rows, to: context.output("rows.json"))
    }

    static func halfRows(points n: Int, half: Int, seed: UInt64) throws -> [Int] {
        let first = try Subsample.indices(points: n, count: n / 2, seed: seed)
        if half == 0 { return first }
        let taken = Set(first)
        return (0..<n).filter { !taken.contains($0) }
    }
}
