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

    /// An imbalance task's parameters.
    struct Settings: Sendable {
        var maxD: Int, noiseFeature: Bool
        init(_ p: Parameters) { maxD = p.int(ImbalanceStage.maxD.name); noiseFeature = p.bool(ImbalanceStage.noiseFeature.name) }
    }

    static let kind = StudyKind(StageKind(
        "imbalance", version: 1,
        fields: [maxD, noiseFeature],
        inputs: [InputSpec("descriptors", help: "descriptors of every configuration"),
                 InputSpec("propensity", help: "propensities of every configuration")],
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
        let spaces = try features.map { try FeatureSpace(rowMajor: $0.features, pointCount: $0.count, featureCount: $0.featureCount) }
        let total = Double(features.count * (2 * labels.count + 1))
        var done = 0.0

        var unsupervised: [UnsupervisedSelection] = []
        for space in spaces {
            try context.checkCancellation()
            unsupervised.append(try unsupervisedSelection(features: space, maxD: maxD))
            done += 1; context.progress(done, of: total, unit: "selections")
        }
        var timescales: [TimescaleAnalysis] = []
        for (t, label) in labels.enumerated() {
            var a = TimescaleAnalysis(label: label, time: dynamics[0].times.times[t], pearson: [], toTarget: [], fromTarget: [],
                                      qToP: [], pToQ: [], supervised: [])
            for (c, space) in spaces.enumerated() {
                try context.checkCancellation()
                let p = try dynamics[c].p(label), q = try dynamics[c].q(label)
                let per = try featureAnalysis(features: space, target: p)
                a.pearson.append(per.pearson); a.toTarget.append(per.toTarget); a.fromTarget.append(per.fromTarget)
                let pq = try informationImbalances(between: FeatureSpace(scalar: q), and: FeatureSpace(scalar: p))
                a.qToP.append(pq.forward); a.pToQ.append(pq.backward)
                done += 1; context.progress(done, of: total, unit: "selections")
                var stream = RandomStream(seed: context.seed, purpose: .noiseFeature, indices: [UInt64(c), UInt64(t)])
                let column = noise ? (0..<space.pointCount).map { _ in stream.gaussian() } : nil
                a.supervised.append(try supervisedSelection(features: space, target: p, maxD: maxD, noise: column))
                done += 1; context.progress(done, of: total, unit: "selections")
            }
            timescales.append(a)
        }
        try Artifact.writeJSON(ImbalanceArtifact(featureNames: features[0].names, timescales: timescales, unsupervised: unsupervised),
                               to: context.output("imbalance.json"))
    }
}
