import Descriptors
import Foundation
import Pipeline
import Plotting
import Regression

/// The `analysis_figures` stage: the paper's Figs. 4–9 for the user's data (`repro analyze`), as
/// PNG and PDF, from the analysis summary and the regression output. The paper's curves are not
/// drawn: its state point is not the user's.
enum AnalysisFiguresStage {
    static let kind = StudyKind(StageKind(
        "analysis_figures", version: 1,
        inputs: [InputSpec("regression"), InputSpec("summary")],
        exports: { ctx in ctx.files.map { ExportItem(file: $0, as: "figures/\($0)") } },
        run: run),
        modules: ["Model", "Statistics", "Plotting", "Reproduction"])

    @Sendable static func run(_ context: TaskContext) throws {
        let summary = try Artifact.readJSON(AnalysisSummary.self, from: context.input("summary").url(AnalysisSummary.fileName))
        let regression = try Artifact.readJSON(RegressionArtifact.self, from: context.input("regression").url("regression.json"))
        try Figure.writeAll(build(summary, regression: regression), to: context.outputDirectory)
    }

    static func build(_ s: AnalysisSummary, regression: RegressionArtifact) throws -> [(name: String, figure: Figure)] {
        let scan = s.timescale.scan
        func blocks(_ v: [Double]) -> [[Double]] { Descriptor.blocks(v, ells: scan.ells.count) }
        var out: [(name: String, figure: Figure)] = [
            ("fig04_descriptors", PaperFigures.descriptorScan(DescriptorScanData(
                ells: scan.ells, ours: DescriptorScan(pearson: blocks(scan.pearson).map { $0.map(abs) }, deltaXToP: blocks(scan.toTarget.mean),
                                                      deltaPToX: blocks(scan.fromTarget.mean), deltaXToPStd: blocks(scan.toTarget.std),
                                                      deltaPToXStd: blocks(scan.fromTarget.std))))),
            ("fig05_supervised", PaperFigures.supervisedSelection(SupervisedSelectionData(ours: FiguresStage.supervisedCurves(s.timescale.selection)))),
        ]
        let u = s.unsupervised
        out.append(("fig06_unsupervised", PaperFigures.unsupervisedSelection(UnsupervisedSelectionData(ours: Plotting.UnsupervisedSelection(
            symmetric: MeanStd(mean: u.symmetric.mean, std: u.symmetric.std), fullToXd: MeanStd(mean: u.fullToSubset.mean, std: u.fullToSubset.std),
            xdToFull: MeanStd(mean: u.subsetToFull.mean, std: u.subsetToFull.std))))))
        guard let r = regression.outcome(AnalysisStages.label), let prediction = s.timescale.prediction else {
            throw ReproductionError.invalid("the regression has no outcome at the given time: Figs. 7–9 cannot be drawn")
        }
        out.append(("fig07_prediction", PaperFigures.predictionAccuracy(PredictionAccuracyData(
            ours: FiguresStage.accuracy(r, species: nil), timeLabel: "<i>t</i> as given"))))
        out.append(("fig08_scatter", PaperFigures.predictionScatter(PredictionScatterData(
            p: r.keptPropensity, pHat: r.keptPrediction, species: r.keptSpecies, pearson: prediction.keptPearson))))
        out.append(("fig09_species", PaperFigures.speciesAccuracy(SpeciesAccuracyData(
            small: FiguresStage.accuracy(r, species: .small), medium: FiguresStage.accuracy(r, species: .medium), large: FiguresStage.accuracy(r, species: .large)))))
        return out
    }
}
