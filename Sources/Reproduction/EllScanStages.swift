import Descriptors
import Dynamics
import Foundation
import InformationImbalance
import Model
import MonteCarlo
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
    /// The swap stage's window (sweeps) of a series point's own preparation; nil for a scan of
    /// the main data set, whose window the equilibrium summary checks.
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

    // MARK: ℓ scan of an existing data set (the main temperature)

    static let scanKind = StudyKind(StageKind(
        "pearson_ell_scan", version: 1,
        fields: [fineElls, DescriptorsStage.radius],
        inputs: [InputSpec("configuration"), InputSpec("propensity")],
        checks: [DescriptorsStage.ellCount],
        exports: { ctx in [ExportItem(file: fileName, as: "analysis/\(ctx.taskID.stage).json")] },
        run: { context in
            let confs = try (context.inputs["configuration"] ?? []).map { try ExtendedXYZ.read(from: $0.url("configuration.xyz")) }
            let props = try (context.inputs["propensity"] ?? []).map { try PropensityData.read(from: $0.directory) }
            guard !confs.isEmpty, confs.count == props.count else {
                throw ReproductionError.invalid("\(context.id): needs one propensity per configuration (got \(confs.count) and \(props.count))")
            }
            let artifact = try scan(configurations: confs, p: try props.map { try $0.p(.tauAlpha) },
                                       halves: try props.map { let h = try $0.pHalves(.tauAlpha); return [h.even, h.odd] },
                                       calculator: try DescriptorsStage.calculator(context.parameters),
                                       temperature: props[0].times.temperature, tauAlpha: props[0].times.tauAlpha,
                                       runs: props[0].times.runs, fsTimes: [], fs: [])
            try Artifact.writeJSON(artifact, to: context.output(fileName))
        }),
        modules: ["Model", "Statistics", "Descriptors", "Dynamics", "InformationImbalance"])

    // MARK: one point of the temperature series, from scratch

    static let seriesKind = StudyKind(StageKind(
        "temperature_point", version: 6,  // 6: the artifact records its swap window
        fields: [
            FieldSpec("temperatures", .list(.double), minimum: 0, minimumExclusive: true, help: "temperatures of the series (one task each)"),
            FieldSpec("n", .int, default: .int(4000), minimum: 25, help: "number of particles"),
            FieldSpec("configurations", .int, default: .int(2), minimum: 1, maximum: 1000,
                      help: "configurations per temperature (all held in memory by the task)"),
            FieldSpec("runs", .int, default: .int(30), minimum: 1, maximum: SimulationStages.maxRuns,
                      help: "iso-configurational runs per configuration"),
            FieldSpec("check_sweeps", .int, default: .int(2000), minimum: 20, help: "equilibrium-check sweeps"),
            FieldSpec("initial_max_lag", .int, default: .int(2000), minimum: 1,
                      help: "first guess of a lag beyond τα; doubled until F_s^CR crosses 1/e"),
            fineElls, DescriptorsStage.radius, SimulationStages.maxDisplacement,
        ] + SimulationStages.swapStageFields(window: 5000, budget: 50000),
        checks: [SimulationStages.checkN, SimulationStages.checkSwapBudget, DescriptorsStage.ellCount],
        threads: { _ in StageKind.everyCore },
        exports: { ctx in
            let t = ctx.parameters["temperatures"]?.doubleValue ?? 0
            return [ExportItem(file: fileName, as: "series/ell_scan_T\(String(format: "%.3f", t)).json")]
        },
        run: runPoint),
        modules: ["Formats", "Randomness", "Model", "MonteCarlo", "Dynamics", "Statistics", "Descriptors", "InformationImbalance"],
        cost: TaskCosts.temperaturePoint)

    @Sendable static func runPoint(_ context: TaskContext) throws {
        let p = context.parameters
        guard let t = p["temperatures"]?.doubleValue else { throw ReproductionError.invalid("\(context.id): no temperature") }
        let n = p.int("n"), configurations = p.int("configurations"), runs = p.int("runs"), delta = p.double("max_displacement")
        let (flag, _) = SimulationStages.bridge(context, unit: "sweeps")
        // Progress in steps: one per preparation, one for τα, one per ensemble (fractional within it).
        let steps = 2 * configurations + 1
        // Equilibrated configurations are kept in scratch and each preparation checkpoints there,
        // so an interruption loses at most one checkpoint interval of it.
        var confs: [Configuration] = []
        for c in 0..<configurations {
            let saved = context.scratchDirectory.appendingPathComponent("configuration_\(c).xyz")
            if let conf = try? ExtendedXYZ.read(from: saved) { confs.append(conf); continue }
            let proto = try SimulationStages.preparation(p, n: n, temperature: t, checkSweeps: p.int("check_sweeps"))
            let ckpt = try SimulationStages.preparationCheckpoint(context, configuration: c)
            let prepared: PreparedConfiguration
            do {
                prepared = try Preparation.prepare(proto, seed: context.seed, index: UInt64(c), checkpoint: ckpt, cancellation: flag) { _, _, _ in
                    if context.isCancelled { flag.cancel() }
                }
            } catch { throw SimulationStages.cancelled(error) }
            try SimulationStages.requireEquilibrium(prepared.equilibration, context, configuration: c, temperature: t)
            try ExtendedXYZ.write(prepared.configuration, to: saved)
            // The saved configuration replaces the preparation's checkpoints.
            for url in [ckpt.url, Checkpoint.previous(ckpt.url)] { try? FileManager.default.removeItem(at: url) }
            confs.append(prepared.configuration)
            context.progress(Double(c + 1), of: Double(steps), unit: "steps")
        }
        // τα from a relaxation run, doubling the longest lag until F_s^CR crosses 1/e.
        var maxLag = p.int("initial_max_lag"), tau: Double? = nil
        while tau == nil {
            let run = try RelaxationRun(temperature: t, maxLag: maxLag, origins: 2, maxDisplacement: delta)
            let r: RelaxationResult
            do {
                r = try run.compute(from: confs[0], seed: context.seed,
                                    checkpointURL: context.scratchDirectory.appendingPathComponent("relaxation_\(maxLag).ckpt"),
                                    checkpointInterval: SimulationStages.checkpointSweeps, cancellation: flag)
            } catch { throw SimulationStages.cancelled(error) }
            tau = r.tauAlpha
            if tau == nil { maxLag *= 2; context.warn("τα > \(maxLag / 2) sweeps at T = \(t); retrying with max lag \(maxLag)") }
            guard maxLag < 1 << 30 else { throw ReproductionError.invalid("\(context.id): F_s^CR never decays at T = \(t)") }
        }
        context.progress(Double(configurations + 1), of: Double(steps), unit: "steps")
        var pAlpha: [[Double]] = [], halves: [[[Double]]] = [], fsTimes: [Int] = [], fs: [Double] = []
        for (c, conf) in confs.enumerated() {
            let ensemble = try IsoconfigurationalEnsemble(temperature: t, runs: runs, times: [max(1, Int(tau!.rounded()))], maxDisplacement: delta)
            let dir = context.scratchDirectory.appendingPathComponent("iso_\(c)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let r: PropensityResult
            do {
                let base = Double(configurations + 1 + c)
                r = try ensemble.compute(from: conf, seed: context.seed, configuration: UInt64(c), checkpointDirectory: dir,
                                         checkpointInterval: 2000, cancellation: flag) { done, total in
                    if context.isCancelled { flag.cancel() }
                    context.progress(base + Double(done) / Double(max(1, total)), of: Double(steps), unit: "steps")
                }
            } catch { throw SimulationStages.cancelled(error) }
            pAlpha.append(r.p[0])
            halves.append([r.pHalves[0][0], r.pHalves[1][0]])
            if c == 0 { fsTimes = r.curveTimes; fs = r.fs }
        }
        var artifact = try scan(configurations: confs, p: pAlpha, halves: halves, ells: p.doubles("ells"), radius: p.double("coarse_graining_radius"),
                                   temperature: t, tauAlpha: tau!, runs: runs, fsTimes: fsTimes, fs: fs)
        artifact.equilibrationWindow = p.int("equilibration_window")
        try Artifact.writeJSON(artifact, to: context.output(fileName))
    }
}
