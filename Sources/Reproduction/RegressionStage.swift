import Foundation
import Pipeline
import Regression

/// Sec. III D and Apps. A–C: leave-one-configuration-out linear regression on the features
/// chosen by the four selection methods, at every timescale, under two protocols.
enum RegressionProtocol: String, Codable, CaseIterable, Sendable, CustomStringConvertible {
    /// The information-imbalance orders of the held-out configuration itself (as the authors do).
    case paper
    /// The orders selected on another (training) configuration, c + 1 mod C, so nothing of the
    /// test configuration's propensity enters the choice of features.
    case leakageFree = "leakage_free"

    var description: String { rawValue }
}

struct MethodAccuracy: Codable, Sendable {
    var method: SelectionMethod
    /// ρ(p, p̂) per configuration and d: [c][d−1].
    var perConfiguration: [[Double]]
    var mean: [Double]
    var std: [Double]
    /// Per species S, M, L: [species][d−1].
    var speciesMean: [[Double]]
    var speciesStd: [[Double]]
}

struct RegressionOutcome: Codable, Sendable {
    var timescale: Timescale
    var protocolName: RegressionProtocol
    var methods: [MethodAccuracy]
    /// p and p̂ (supervised II, d = max_d) of the kept configuration, for Figs. 2d and 8.
    var keptConfiguration: Int
    var keptPropensity: [Double]
    var keptPrediction: [Double]
    var keptSpecies: [Int]

    func method(_ method: SelectionMethod) -> MethodAccuracy? { methods.first { $0.method == method } }
}

struct RegressionArtifact: Codable, Sendable {
    var maxD: Int
    var outcomes: [RegressionOutcome]

    func outcome(_ timescale: Timescale, _ protocolName: RegressionProtocol = .paper) -> RegressionOutcome? {
        outcomes.first { $0.timescale == timescale && $0.protocolName == protocolName }
    }
}

enum RegressionStage {
    /// d runs over the selections' orders, so its field is the imbalance stage's.
    static let randomRealisations = FieldSpec("random_realisations", .int, default: .int(LeaveOneConfigurationOut.paperRandomRealisations),
                                              minimum: 0, help: "random selections per configuration and d")
    static let keptConfiguration = FieldSpec("kept_configuration", .int, default: .int(0), minimum: 0,
                                             help: "configuration whose p̂ is kept for Figs. 2d and 8")

    /// A regression task's parameters.
    struct Settings: Sendable {
        var maxD: Int, randomRealisations: Int, keptConfiguration: Int
        init(_ p: Parameters) {
            maxD = p.int(ImbalanceStage.maxD.name); randomRealisations = p.int(RegressionStage.randomRealisations.name)
            keptConfiguration = p.int(RegressionStage.keptConfiguration.name)
        }
    }

    static let kind = StudyKind(StageKind(
        "regression", version: 1,
        fields: [ImbalanceStage.maxD, randomRealisations, keptConfiguration],
        inputs: [InputSpec("descriptors"), InputSpec("propensity"), InputSpec("imbalance")],
        threads: { _ in StageKind.everyCore },
        exports: { _ in [ExportItem(file: "regression.json", as: "analysis/regression.json")] },
        run: run),
        modules: ["Randomness", "Statistics", "Regression"])

    @Sendable static func run(_ context: TaskContext) throws {
        let features = try (context.inputs["descriptors"] ?? []).map { try FeatureData.read(from: $0.directory) }
        let dynamics = try (context.inputs["propensity"] ?? []).map { try PropensityData.read(from: $0.directory) }
        let imbalance = try Artifact.readJSON(ImbalanceArtifact.self, from: context.input("imbalance").url("imbalance.json"))
        let settings = Settings(context.parameters), maxD = settings.maxD, kept = settings.keptConfiguration
        let c = features.count
        guard kept < c else { throw ReproductionError.invalid("kept_configuration = \(kept) but there are only \(c) configurations") }
        var outcomes: [RegressionOutcome] = []
        for label in dynamics[0].times.labels {
            let analysis = try imbalance.timescale(label)
            let configurations = try (0..<c).map { k in
                try RegressionConfiguration(features: features[k].features, featureCount: features[k].featureCount,
                                            propensity: try dynamics[k].p(label), species: features[k].species)
            }
            let supervised = analysis.supervised.map(\.order), unsupervised = imbalance.unsupervised.map(\.order)
            for protocolName in RegressionProtocol.allCases {
                try context.checkCancellation()
                let shift = { (orders: [[Int]]) in protocolName == .paper ? orders : (0..<c).map { orders[($0 + 1) % c] } }
                let full = protocolName == .paper
                let loco = try LeaveOneConfigurationOut(
                    configurations: configurations, supervisedOrders: shift(supervised), unsupervisedOrders: shift(unsupervised),
                    maximumDimension: maxD, randomRealisations: full ? settings.randomRealisations : 0,
                    seed: context.seed, keptConfiguration: kept, runLasso: full)
                let r = try loco.compute()
                var methods: [MethodAccuracy] = []
                for m in SelectionMethod.allCases where full || m == .supervised || m == .unsupervised {
                    methods.append(MethodAccuracy(method: m, perConfiguration: r.pearsonAll[m.rawValue],
                                                  mean: r.meanAll[m.rawValue], std: r.stdAll[m.rawValue],
                                                  speciesMean: r.meanBySpecies[m.rawValue], speciesStd: r.stdBySpecies[m.rawValue]))
                }
                outcomes.append(RegressionOutcome(
                    timescale: label, protocolName: protocolName, methods: methods, keptConfiguration: kept,
                    keptPropensity: try dynamics[kept].p(label),
                    keptPrediction: r.keptPredictions[SelectionMethod.supervised.rawValue],
                    keptSpecies: features[kept].species))
                context.progress(Double(outcomes.count), of: Double(RegressionProtocol.allCases.count * dynamics[0].times.labels.count), unit: "fits")
            }
        }
        try Artifact.writeJSON(RegressionArtifact(maxD: maxD, outcomes: outcomes), to: context.output("regression.json"))
    }
}
