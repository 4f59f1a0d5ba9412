import Descriptors
import Foundation
import InformationImbalance
import Model
import Pipeline
import Statistics

/// |ρ(X, p)| and Δ between every descriptor and the propensity at τα on a fine ℓ grid: what
/// locates the optimal coarse-graining length of Θ̄ and ranks the descriptors, at one temperature.
struct EllScan: Codable, Sendable {
    var temperature: Double
    var tauAlpha: Double
    var configurations: Int
    var runs: Int
    var ells: [Double]
    /// Names in feature order (descriptor blocks, ℓ ascending).
    var featureNames: [String]
    var pearsonMean: [Double]
    var pearsonStd: [Double]
    var toTargetMean: [Double]
    var fromTargetMean: [Double]
    /// F_s^CR of the iso-configurational runs (origin t = 0), for Fig. 1.
    var fsTimes: [Int]
    var fs: [Double]
    /// ρ(p_even, p_odd) between the two half-ensembles, mean over configurations: how much of p
    /// is reproducible rather than finite-run noise.
    var halfPearson: Double?
    /// Share of the variance of p explained by the species label (η²), mean over configurations.
    var speciesShare: Double?
    /// The swap stage's window (sweeps) of the scanned configurations' preparation (nil in
    /// artifacts that predate it); the series checks its own points' windows against their τα.
    var equilibrationWindow: Int?

    /// |ρ(X, p)| of one descriptor over ℓ.
    func absolutePearson(_ descriptor: Descriptor) -> [Double] {
        let d = descriptor.rawValue
        return (0..<ells.count).map { abs(pearsonMean[d * ells.count + $0]) }
    }
}

enum EllScanStages {
    static let fileName = "ell_scan.json"

    static let fineElls = FieldSpec("ells", .list(.double), default: .list(stride(from: 0.5, through: 5.0, by: 0.25).map { .double($0) }),
                                    minimum: 0, minimumExclusive: true, help: "coarse-graining lengths ℓ of the scan (finer than the paper's)")

    static func scan(configurations: [Configuration], p: [[Double]], halves: [[[Double]]], ells: [Double], radius: Double,
                        temperature: Double, tauAlpha: Double, runs: Int, fsTimes: [Int], fs: [Double]) throws -> EllScan {
        try scan(configurations: configurations, p: p, halves: halves, calculator: StructuralDescriptors(ells: ells, coarseGrainingRadius: radius),
                 temperature: temperature, tauAlpha: tauAlpha, runs: runs, fsTimes: fsTimes, fs: fs)
    }

    /// The scan with the descriptors of a task's `ells` and `coarse_graining_radius`.
    static func scan(configurations: [Configuration], p: [[Double]], halves: [[[Double]]], calculator: StructuralDescriptors,
                     temperature: Double, tauAlpha: Double, runs: Int, fsTimes: [Int], fs: [Double]) throws -> EllScan {
        let ells = calculator.ells
        var rho: [[Double]] = [], to: [[Double]] = [], from: [[Double]] = []
        var names: [String] = []
        for (c, conf) in configurations.enumerated() {
            let d = try calculator.compute(conf)
            names = d.names
            let space = try FeatureSpace(rowMajor: d.features, pointCount: d.particleCount, featureCount: d.featureCount)
            do { try space.requireVaryingFeatures(names: d.names) } catch {
                throw ReproductionError.invalid("configuration \(c): \(error); \(FeatureData.varyingAdvice)")
            }
            let a = try featureAnalysis(features: space, target: p[c])
            rho.append(a.pearson); to.append(a.toTarget); from.append(a.fromTarget)
        }
        let (pm, ps) = meanAndSpread(rows: rho)
        let eta = zip(configurations, p).map { c, p in correlationRatio(p, groups: speciesGroups(c.species.map { Int($0.rawValue) }, count: Species.allCases.count)) }
        let split = try halves.filter { $0[0].count == $0[1].count && !$0[0].isEmpty }.map { pearson($0[0], $0[1]) }
        return EllScan(temperature: temperature, tauAlpha: tauAlpha, configurations: configurations.count, runs: runs,
                               ells: ells, featureNames: names, pearsonMean: pm, pearsonStd: ps,
                               toTargetMean: meanAndSpread(rows: to).mean, fromTargetMean: meanAndSpread(rows: from).mean, fsTimes: fsTimes, fs: fs,
                               halfPearson: split.isEmpty ? nil : split.reduce(0, +) / Double(split.count),
                               speciesShare: eta.reduce(0, +) / Double(eta.count))
    }

    // MARK: ℓ scan of a data set: the main temperature's, or one point of the series

    static let scanKind = StudyKind(StageKind(
        "pearson_ell_scan", version: 2,  // 2: the temperature field; the F_s^CR curve and swap window of its inputs
        fields: [SimulationStages.temperature, fineElls, DescriptorsStage.radius],
        inputs: [InputSpec("configuration"), InputSpec("propensity")],
        checks: [DescriptorsStage.ellCount],
        exports: { ctx in
            guard ctx.taskID.index != nil, let t = ctx.parameters["temperature"]?.doubleValue else {
                return [ExportItem(file: fileName, as: "analysis/\(ctx.taskID.stage).json")]
            }
            return [ExportItem(file: fileName, as: "\(ctx.taskID.stage)/ell_scan_T\(String(format: "%.3f", t)).json")]
        },
        run: { context in
            let configurations = context.inputs["configuration"] ?? []
            let confs = try configurations.map { try ExtendedXYZ.read(from: $0.url("configuration.xyz")) }
            let props = try (context.inputs["propensity"] ?? []).map { try PropensityData.read(from: $0.directory) }
            guard !confs.isEmpty, confs.count == props.count else {
                throw ReproductionError.invalid("\(context.id): needs one propensity per configuration (got \(confs.count) and \(props.count))")
            }
            let t = context.parameters.double("temperature")
            guard props.allSatisfy({ $0.times.temperature == t }) else {
                throw ReproductionError.invalid("\(context.id): temperature = \(t) but the propensities were measured at T = \(props.map(\.times.temperature))")
            }
            var artifact = try scan(configurations: confs, p: try props.map { try $0.p(.tauAlpha) },
                                    halves: try props.map { let h = try $0.pHalves(.tauAlpha); return [h.even, h.odd] },
                                    calculator: try DescriptorsStage.calculator(context.parameters),
                                    temperature: t, tauAlpha: props[0].times.tauAlpha,
                                    runs: props[0].times.runs, fsTimes: props[0].times.curveTimes ?? [], fs: props[0].times.fs ?? [])
            artifact.equilibrationWindow = configurations[0].parameters["equilibration_window"]?.intValue
            try Artifact.writeJSON(artifact, to: context.output(fileName))
        }),
        modules: ["Model", "Statistics", "Descriptors", "Dynamics", "InformationImbalance"])
}
