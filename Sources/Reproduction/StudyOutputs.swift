import Descriptors
import Foundation
import Model
import MonteCarlo
import Pipeline
import Statistics

/// The equilibrium check of one configuration with its energy trace.
struct EquilibrationRecord: Codable, Sendable {
    var check: EquilibriumCheck
    /// The adaptive swap stage: windows, drift tests, swap statistics by pair type.
    var equilibration: AdaptiveEquilibration
    var traceSweeps: [Int]
    var traceEnergy: [Double]
}

/// Everything the figures and the report read, loaded once from the stage outputs.
struct StudyOutputs {
    var configurations: [Configuration]
    var checks: [EquilibrationRecord]
    var relaxation: SimulationStages.RelaxationArtifact
    var propensities: [PropensityData]
    var features: [FeatureData]
    var imbalance: ImbalanceArtifact
    var regression: RegressionArtifact
    /// The fine-ℓ Pearson scan at the main temperature, when the manifest has one.
    var ellScan: EllScan?
    var series: [EllScan]

    var ells: [Double] {
        // Every descriptor block lists every ℓ; the first one's will do.
        features[0].names.compactMap(FeatureName.init(parsing:)).filter { $0.descriptor == .density }.map(\.ell)
    }

    init(_ context: TaskContext) throws {
        func dirs(_ name: String) -> [URL] { (context.inputs[name] ?? []).map(\.directory) }
        try self.init(equilibrate: dirs("equilibrate"), relaxation: context.input("relaxation").directory,
                      propensity: dirs("propensity"), descriptors: dirs("descriptors"),
                      imbalance: context.input("imbalance").directory, regression: context.input("regression").directory,
                      ellScan: dirs("ell_scan").first, series: dirs("series"))
    }

    init(equilibrate: [URL], relaxation: URL, propensity: [URL], descriptors: [URL], imbalance: URL, regression: URL,
         ellScan: URL?, series: [URL]) throws {
        configurations = try equilibrate.map { try ExtendedXYZ.read(from: $0.appendingPathComponent("configuration.xyz")) }
        checks = try equilibrate.map { try Artifact.readJSON(EquilibrationRecord.self, from: $0.appendingPathComponent("equilibrium.json")) }
        self.relaxation = try Artifact.readJSON(SimulationStages.RelaxationArtifact.self, from: relaxation.appendingPathComponent("relaxation.json"))
        propensities = try propensity.map { try PropensityData.read(from: $0) }
        features = try descriptors.map { try FeatureData.read(from: $0) }
        self.imbalance = try Artifact.readJSON(ImbalanceArtifact.self, from: imbalance.appendingPathComponent("imbalance.json"))
        self.regression = try Artifact.readJSON(RegressionArtifact.self, from: regression.appendingPathComponent("regression.json"))
        self.ellScan = try ellScan.map { try Artifact.readJSON(EllScan.self, from: $0.appendingPathComponent(EllScanStages.fileName)) }
        self.series = try series.map { try Artifact.readJSON(EllScan.self, from: $0.appendingPathComponent(EllScanStages.fileName)) }
    }
}

/// Derived quantities the report quotes and the expectations check.
enum Analysis {
    /// ℓ at the maximum of |ρ(X, p)| of a descriptor, refined by a parabola through the peak and
    /// its neighbours when the peak is inside the grid.
    static func optimalEll(_ p: EllScan, of descriptor: Descriptor) -> Double {
        optimalEll(ells: p.ells, values: p.absolutePearson(descriptor))
    }

    static func optimalEll(ells: [Double], values: [Double]) -> Double {
        parabolaRefinedMaximum(x: ells, y: values)
    }
}
