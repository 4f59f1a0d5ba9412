import Foundation
import InformationImbalance
import Pipeline
import Randomness

/// Sec. III A–C for every configuration and both timescales: Pearson coefficients and
/// Δ(X→p), Δ(p→X) per feature, Δ(q→p) and Δ(p→q), the supervised selection with its noise
/// point, and the unsupervised selection (timescale independent).
struct TimescaleAnalysis: Codable, Sendable {
    var label: Timescale
    var time: Int
    /// [configuration][feature]
    var pearson: [[Double]]
    var toTarget: [[Double]]
    var fromTarget: [[Double]]
    /// Δ(q→p), Δ(p→q) per configuration.
    var qToP: [Double]
    var pToQ: [Double]
    var supervised: [SupervisedSelection]
}

struct ImbalanceArtifact: Codable, Sendable {
    var featureNames: [String]
    var timescales: [TimescaleAnalysis]
    var unsupervised: [UnsupervisedSelection]

    func timescale(_ label: Timescale) throws -> TimescaleAnalysis {
        guard let t = timescales.first(where: { $0.label == label }) else {
            throw ReproductionError.invalid("no analysis at timescale '\(label)'")
        }
        return t
    }
}

public enum ImbalanceStage {
    /// d of the greedy selections (`GreedySelection`), the paper's 15 by default; bounded by the
    /// feature count (PaperChecks, from the descriptors' ℓ list), as `GreedySelection` bounds it.
    public static let maxD = FieldSpec("max_d", .int, default: .int(GreedySelection.paperMaxD), minimum: 1,
                                       help: "largest number of selected features d")
    static let noiseFeature = FieldSpec("noise_feature", .bool, default: .bool(true), help: "append one Gaussian-noise feature after the last step (Fig. 5)")
    // Options of `repro analyze`; kept out of the cache key at their defaults (the study's keys stay).
    static let rankK = FieldSpec("k", .int, default: .int(1), minimum: 1, help: "rank k of Δ (DADApy's definition; 1 is the paper's Eq. (12))")
        .omittingDefaultFromKey()
    static let subsample = FieldSpec("subsample", .int, default: .int(0), minimum: 0,
                                     help: "Δ, ρ and the selections on this many points, drawn once per configuration by subsample_seed (0: every point)")
        .omittingDefaultFromKey()
    static let subsampleSeed = FieldSpec("subsample_seed", .int, default: .int(0), minimum: 0, help: "seed of the subsample draw")
        .omittingDefaultFromKey()

    /// An imbalance task's parameters.
    struct Settings: Sendable {
        var maxD: Int, noiseFeature: Bool
        /// Rank k of Δ; `subsample` points (0: all) drawn by `subsampleSeed`.
        var k: Int, subsample: Int, subsampleSeed: UInt64
        init(_ p: Parameters) {
            maxD = p.int(ImbalanceStage.maxD.name); noiseFeature = p.bool(ImbalanceStage.noiseFeature.name)
            k = p.int(ImbalanceStage.rankK.name); subsample = p.int(ImbalanceStage.subsample.name)
            subsampleSeed = UInt64(p.int(ImbalanceStage.subsampleSeed.name))
        }
    }

    static let kind = StudyKind(StageKind(
        "imbalance", version: 1,
        fields: [maxD, noiseFeature, rankK, subsample, subsampleSeed],
        inputs: [InputSpec("descriptors", help: "descriptors of every configuration"),
                 InputSpec("propensity", help: "propensities of every configuration")],
        checks: [{ p in p.int(subsample.name) == 1 ? [FieldIssue(field: subsample.name, "1 point: Δ needs at least 2 (0 means every point)")] : [] }],
        threads: { _ in StageKind.everyCore },
        exports: { _ in [ExportItem(file: "imbalance.json", as: "analysis/imbalance.json")] },
        run: run),
        modules: ["Randomness", "Statistics", "InformationImbalance"], cost: TaskCosts.imbalance)

    @Sendable static func run(_ context: TaskContext) throws {
        let descriptors = context.inputs["descriptors"] ?? [], propensities = context.inputs["propensity"] ?? []
        guard descriptors.count == propensities.count, !descriptors.isEmpty else {
            throw ReproductionError.invalid("imbalance needs one descriptors and one propensity entry per configuration (got \(descriptors.count) and \(propensities.count))")
        }
        let settings = Settings(context.parameters), maxD = settings.maxD, noise = settings.noiseFeature
        let features = try descriptors.map { try FeatureData.read(from: $0.directory) }
        let dynamics = try propensities.map { try PropensityData.read(from: $0.directory) }
        let labels = dynamics[0].times.labels
        let k = settings.k, m = settings.subsample, subsampleSeed = settings.subsampleSeed
        let rows = try features.map { f in m == 0 ? nil : try Subsample.indices(points: f.count, count: m, seed: subsampleSeed) }
        let spaces = try zip(features, rows).map { f, r in
            let full = try FeatureSpace(rowMajor: f.features, pointCount: f.count, featureCount: f.featureCount)
            return try r.map { try full.selecting(points: $0) } ?? full
        }
        func rowsOf(_ v: [Double], _ c: Int) -> [Double] { rows[c].map { $0.map { v[$0] } } ?? v }
        let total = Double(features.count * (2 * labels.count + 1))
        var done = 0.0

        var unsupervised: [UnsupervisedSelection] = []
        for space in spaces {
            try context.checkCancellation()
            unsupervised.append(try unsupervisedSelection(features: space, maxD: maxD, k: k))
            done += 1; context.progress(done, of: total, unit: "selections")
        }
        var timescales: [TimescaleAnalysis] = []
        for (t, label) in labels.enumerated() {
            var a = TimescaleAnalysis(label: label, time: dynamics[0].times.times[t], pearson: [], toTarget: [], fromTarget: [],
                                      qToP: [], pToQ: [], supervised: [])
            for (c, space) in spaces.enumerated() {
                try context.checkCancellation()
                let p = rowsOf(try dynamics[c].p(label), c), q = rowsOf(try dynamics[c].q(label), c)
                let per = try featureAnalysis(features: space, target: p, k: k)
                a.pearson.append(per.pearson); a.toTarget.append(per.toTarget); a.fromTarget.append(per.fromTarget)
                // An imported propensity (repro analyze) has no q.
                if dynamics[c].times.qMeasured == false {
                    a.qToP.append(.nan); a.pToQ.append(.nan)
                } else {
                    let pq = try informationImbalances(between: FeatureSpace(scalar: q), and: FeatureSpace(scalar: p), k: k)
                    a.qToP.append(pq.forward); a.pToQ.append(pq.backward)
                }
                done += 1; context.progress(done, of: total, unit: "selections")
                var stream = RandomStream(seed: context.seed, purpose: .noiseFeature, indices: [UInt64(c), UInt64(t)])
                let column = noise ? (0..<space.pointCount).map { _ in stream.gaussian() } : nil
                a.supervised.append(try supervisedSelection(features: space, target: p, maxD: maxD, noise: column, k: k))
                done += 1; context.progress(done, of: total, unit: "selections")
            }
            timescales.append(a)
        }
        try Artifact.writeJSON(ImbalanceArtifact(featureNames: features[0].names, timescales: timescales, unsupervised: unsupervised),
                               to: context.output("imbalance.json"))
    }
}
