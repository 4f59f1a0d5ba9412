import Descriptors
import Foundation
import Model
import MonteCarlo
import Pipeline
import Report
import Plotting
import Regression

/// Every figure of the paper (and the report's extra ones) from the stage outputs, as PNG and PDF.
/// Its own algorithm version: editing figure code re-renders figures and nothing else.
enum FiguresStage {
    static let mapConfiguration = FieldSpec("map_configuration", .int, default: .int(0), minimum: 0, help: "configuration shown in the maps of Fig. 2")

    static let kind = StudyKind(StageKind(
        "figures", version: 8,  // 6: Fig. S2 reads the summary's typed series; 7: every figure reads the typed summary; 8: Fig. 12 from the start of each check window
        fields: [mapConfiguration],
        inputs: [InputSpec("equilibrate"), InputSpec("relaxation"), InputSpec("propensity"), InputSpec("descriptors"),
                 InputSpec("imbalance"), InputSpec("regression"),
                 InputSpec("ell_scan", required: false), InputSpec("series", required: false),
                 InputSpec("summary", help: "the report's typed values: the curves and coefficients the figures plot")],
        exports: { ctx in ctx.files.map { ExportItem(file: $0, as: "figures/\($0)") } },
        run: run),
        modules: ["Model", "Statistics", "Plotting", "Reproduction"])

    @Sendable static func run(_ context: TaskContext) throws {
        let inputs = try StudyOutputs(context)
        let summary = try SummaryStage.read(from: context.input("summary").directory)
        let figures = try build(inputs, summary: summary, mapConfiguration: context.parameters.int(mapConfiguration.name))
        try Figure.writeAll(figures, to: context.outputDirectory)
    }

    /// Plots the stage outputs as they are (trajectories, maps, per-method accuracy curves) and
    /// reads every averaged curve and coefficient from the typed `summary`, which computed it.
    static func build(_ o: StudyOutputs, summary: ReportSummary, mapConfiguration k: Int) throws -> [(name: String, figure: Figure)] {
        let published = PublishedValues.shared
        var out: [(name: String, figure: Figure)] = []

        // Fig. 1: the series' F_s^CR curves and the main temperature's relaxation run.
        var temps = o.series.map(\.temperature), times = o.series.map { $0.fsTimes.map(Double.init) }
        var fs = o.series.map(\.fs), taus = o.series.map(\.tauAlpha)
        temps.append(o.relaxation.temperature); times.append(o.relaxation.times.map(Double.init))
        fs.append(o.relaxation.fs); taus.append(summary.statePoint.tauAlpha)
        let order = temps.indices.sorted { temps[$0] > temps[$1] }
        out.append(("fig01_relaxation", PaperFigures.relaxation(RelaxationData(
            temperatures: order.map { temps[$0] }, times: order.map { times[$0] }, fs: order.map { fs[$0] },
            tauAlpha: order.map { taus[$0] }, k: o.relaxation.waveNumber))))

        // Fig. 2: maps of one configuration.
        guard k < o.configurations.count else { throw ReproductionError.invalid("map_configuration = \(k) but there are \(o.configurations.count) configurations") }
        let conf = o.configurations[k].wrapped()
        let thetaColumn = o.features[k].names.firstIndex(of: "theta_bar(l=2.0)") ?? o.features[k].names.firstIndex { $0.hasPrefix("theta_bar") }!
        let kept = o.regression.outcome(.tauAlpha)
        let pHat = kept?.keptConfiguration == k ? kept!.keptPrediction : [Double](repeating: .nan, count: conf.count)
        let m = Mixture.paper
        out.append(("fig02_maps", PaperFigures.propensityMaps(PropensityMapsData(
            box: conf.boxLength, x: conf.x, y: conf.y, species: conf.species.map { Int($0.rawValue) },
            speciesDiameters: Species.allCases.map { m.sigma($0, $0) },
            p: try o.propensities[k].p(.tauAlpha), q: try o.propensities[k].q(.tauAlpha),
            thetaBar: o.features[k].column(thetaColumn), pHat: pHat))))

        out.append(("fig03_schematic", PaperFigures.imbalanceSchematic()))

        // Fig. 4: per-feature Pearson and Δ at τα, reshaped to [descriptor][ℓ].
        let scan = summary.alpha.scan, ells = scan.ells
        func blocks(_ v: [Double]) -> [[Double]] { Descriptor.blocks(v, ells: ells.count) }
        let to = scan.toTarget, from = scan.fromTarget
        let paperScan = ells == published.ells ? DescriptorScan(
            pearson: blocks(published.fig4a_pearson_X_p_mean).map { $0.map(abs) },
            deltaXToP: blocks(published.fig4_delta_X_to_p_mean), deltaPToX: blocks(published.fig4_delta_p_to_X_mean),
            deltaXToPStd: blocks(published.fig4_delta_X_to_p_std), deltaPToXStd: blocks(published.fig4_delta_p_to_X_std)) : nil
        out.append(("fig04_descriptors", PaperFigures.descriptorScan(DescriptorScanData(
            ells: ells, ours: DescriptorScan(pearson: blocks(scan.pearson).map { $0.map(abs) }, deltaXToP: blocks(to.mean),
                                             deltaPToX: blocks(from.mean), deltaXToPStd: blocks(to.std), deltaPToXStd: blocks(from.std)),
            paper: paperScan))))

        out.append(("fig05_supervised", PaperFigures.supervisedSelection(SupervisedSelectionData(
            ours: supervisedCurves(summary.alpha.selection),
            paper: paperSupervisedCurves(published)))))

        let u = summary.unsupervised, sym = u.symmetric, f2x = u.fullToSubset, x2f = u.subsetToFull
        out.append(("fig06_unsupervised", PaperFigures.unsupervisedSelection(UnsupervisedSelectionData(
            ours: Plotting.UnsupervisedSelection(symmetric: MeanStd(mean: sym.mean, std: sym.std), fullToXd: MeanStd(mean: f2x.mean, std: f2x.std),
                                                 xdToFull: MeanStd(mean: x2f.mean, std: x2f.std)),
            paper: Plotting.UnsupervisedSelection(
                symmetric: MeanStd(mean: published.fig6_symmetric_delta_mean, std: published.fig6_symmetric_delta_std),
                fullToXd: MeanStd(mean: published.fig6_delta_full_to_Xd_mean, std: published.fig6_delta_full_to_Xd_std),
                xdToFull: MeanStd(mean: published.fig6_delta_Xd_to_full_mean, std: published.fig6_delta_Xd_to_full_std))))))

        let paperAccuracy = PredictionAccuracy(
            supervised: MeanStd(mean: published.fig7_supervised_ii_pearson_mean, std: published.fig7_supervised_ii_pearson_std),
            unsupervised: MeanStd(mean: published.fig7_unsupervised_ii_pearson_mean, std: published.fig7_unsupervised_ii_pearson_std),
            lasso: MeanStd(mean: published.fig7_lasso_pearson_mean, std: published.fig7_lasso_pearson_std),
            random: MeanStd(mean: published.fig7_random_pearson_mean, std: published.fig7_random_pearson_std))
        if let a = o.regression.outcome(.tauAlpha), let prediction = summary.alpha.prediction {
            out.append(("fig07_prediction", PaperFigures.predictionAccuracy(PredictionAccuracyData(
                ours: accuracy(a, species: nil), paper: paperAccuracy, timeLabel: "<i>t</i> = <i>τ</i><sub>α</sub>"))))
            out.append(("fig08_scatter", PaperFigures.predictionScatter(PredictionScatterData(
                p: a.keptPropensity, pHat: a.keptPrediction, species: a.keptSpecies,
                pearson: prediction.keptPearson))))
            out.append(("fig09_species", PaperFigures.speciesAccuracy(SpeciesAccuracyData(
                small: accuracy(a, species: .small), medium: accuracy(a, species: .medium), large: accuracy(a, species: .large)))))
        }
        if let b = o.regression.outcome(.tBeta) {
            out.append(("fig10_prediction_beta", PaperFigures.predictionAccuracy(PredictionAccuracyData(
                ours: accuracy(b, species: nil), paper: nil, timeLabel: "<i>t</i> = <i>t</i><sub>β</sub>"))))
        }
        let points = summary.series.points, paper = summary.series.paper
        if points.count >= 2 {
            out.append(("fig11_temperature_series", PaperFigures.temperatureSeries(TemperatureSeriesData(
                temperatures: points.map(\.temperature), optimalEllTheta: points.map(\.optimalEllTheta),
                bestPearson: Descriptor.allCases.map { d in points.map { $0.best(d) } },
                paper: (paper.temperature, paper.optimalEllTheta, paper.bestPearson)))))
        }
        out.append(("fig12_equilibration", PaperFigures.equilibration(EquilibrationData(
            // From the start of each check window: the adaptive swap stage ends at a different sweep
            // for every configuration.
            sweeps: o.checks.map { c in c.traceSweeps.map { Double($0 - (c.traceSweeps.first ?? 0)) } }, energy: o.checks.map(\.traceEnergy),
            labels: o.checks.indices.map { "configuration \($0)" }, logSweeps: false, sweepsLabel: "MC sweeps into the check window"))))
        return out
    }

    static func supervisedCurves(_ s: SelectionSummary) -> Plotting.SupervisedSelection {
        Plotting.SupervisedSelection(
            deltaXdToP: MeanStd(mean: s.toTarget.mean, std: s.toTarget.std), deltaPToXd: MeanStd(mean: s.fromTarget.mean, std: s.fromTarget.std),
            noiseXdToP: s.noiseToTarget.map { ($0.mean[0], $0.std[0]) }, noisePToXd: s.noiseFromTarget.map { ($0.mean[0], $0.std[0]) })
    }

    /// The published Fig. 5 curves, over d = 1…max_d of its orders, and the noise point after them.
    static func paperSupervisedCurves(_ p: PublishedValues) -> Plotting.SupervisedSelection {
        func curve(_ mean: [Double], _ std: [Double]) -> (MeanStd, (mean: Double, std: Double)?) {
            let m = p.fig5Split(mean), s = p.fig5Split(std)
            return (MeanStd(mean: m.curve, std: s.curve), m.noise.flatMap { a in s.noise.map { (a, $0) } })
        }
        let to = curve(p.fig5_supervised_delta_Xd_to_p_mean, p.fig5_supervised_delta_Xd_to_p_std)
        let from = curve(p.fig5_supervised_delta_p_to_Xd_mean, p.fig5_supervised_delta_p_to_Xd_std)
        return Plotting.SupervisedSelection(deltaXdToP: to.0, deltaPToXd: from.0, noiseXdToP: to.1, noisePToXd: from.1)
    }

    static func accuracy(_ r: RegressionOutcome, species: Species?) -> PredictionAccuracy {
        func curve(_ method: SelectionMethod) -> MeanStd {
            guard let m = r.method(method) else { return MeanStd(mean: [], std: nil) }
            if let s = species.map({ Int($0.rawValue) }) { return MeanStd(mean: m.speciesMean[s], std: m.speciesStd[s]) }
            return MeanStd(mean: m.mean, std: m.std)
        }
        return PredictionAccuracy(supervised: curve(.supervised), unsupervised: curve(.unsupervised),
                                  lasso: curve(.lasso), random: curve(.random))
    }
}

