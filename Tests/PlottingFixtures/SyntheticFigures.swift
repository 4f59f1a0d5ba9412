import Foundation
import Plotting

/// Every figure built from synthetic but realistically shaped data: for tests, benchmarks and
/// checking the look of the figures without running the science. Deterministic (no random stream):
/// "noise" is a fixed hash of the index.
public enum SyntheticFigures {
    /// A value in [−1, 1) that looks random but depends only on (i, salt).
    static func hash(_ i: Int, _ salt: Int) -> Double {
        var z = UInt64(truncatingIfNeeded: i &* 0x9E37_79B9 &+ salt &* 0x85EB_CA6B) &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 52) - 1
    }

    /// All figures, named fig01 … fig12, with `particles` particles in the maps and scatter plots.
    public static func all(particles n: Int = 4000, withPaper: Bool = true) -> [(name: String, figure: Figure)] {
        let ells = (1...10).map { 0.5 * Double($0) }
        let dCount = 15
        let dd = (1...dCount).map(Double.init)
        func curve(_ f: (Double) -> Double, std: Double) -> MeanStd {
            MeanStd(mean: dd.map(f), std: dd.map { _ in std })
        }
        // Fig. 1
        let temps = [0.30, 0.35, 0.40, 0.50, 0.70, 1.00]
        let times = (0..<120).map { pow(10, 0.5 + 7.5 * Double($0) / 119) }
        let taus = [4e6, 3e5, 4e4, 3e3, 400, 80]
        let fs = taus.map { tau in times.map { t in 0.25 * exp(-t / 30) + 0.75 * exp(-pow(t / tau, 0.7)) } }
        let relaxation = RelaxationData(temperatures: temps, times: temps.map { _ in times }, fs: fs,
                                        tauAlpha: taus.map { pow(1 + log(0.75), 1 / 0.7) * $0 }, k: 6.3)
        // Fig. 2: a jittered lattice at the mixture's density, smooth fields plus noise.
        let L = (Double(n) / 1.0).squareRoot()
        let side = Int(Double(n).squareRoot().rounded(.up))
        var x: [Double] = [], y: [Double] = [], species: [Int] = []
        for i in 0..<n {
            x.append((Double(i % side) + 0.5 + 0.3 * hash(i, 1)) * L / Double(side))
            y.append((Double(i / side) + 0.5 + 0.3 * hash(i, 2)) * L / Double(side))
            species.append(i % 10 < 5 ? 0 : (i % 10 < 8 ? 1 : 2))
        }
        let field = x.indices.map { i in sin(2 * .pi * x[i] / L * 2) * cos(2 * .pi * y[i] / L * 3) }
        let p = field.indices.map { i in exp(1.2 * field[i] + 0.4 * hash(i, 3)) }
        let maps = PropensityMapsData(box: L, x: x, y: y, species: species, p: p,
                                      q: field.indices.map { 0.5 + 0.3 * field[$0] + 0.1 * hash($0, 4) },
                                      thetaBar: field.indices.map { 0.2 + 0.05 * field[$0] + 0.02 * hash($0, 5) },
                                      pHat: field.indices.map { 1.2 + 0.6 * field[$0] + 0.2 * hash($0, 6) })
        // Fig. 4
        let peak = [0.49, 0.40, 0.30, 0.05, 0.56, 0.35]
        let pearson = (0..<6).map { k in ells.map { l in (k == 1 || k == 5 ? -1 : 1) * peak[k] * exp(-pow(l - (k == 4 ? 2 : 0.7), 2) / 8) } }
        let dxp = pearson.map { $0.map { 1 - 0.3 * abs($0) } }
        let dpx = pearson.map { r in r.indices.map { 1 - 0.28 * abs(r[$0]) + 0.01 * hash($0, 7) } }
        let scan = DescriptorScan(pearson: pearson, deltaXToP: dxp, deltaPToX: dpx)
        let scanPaper = DescriptorScan(pearson: pearson.map { $0.map { $0 * 0.97 } }, deltaXToP: dxp.map { $0.map { $0 + 0.01 } },
                                       deltaPToX: dpx.map { $0.map { $0 - 0.01 } })
        // Fig. 5, 6
        let sup = SupervisedSelection(deltaXdToP: curve({ 0.34 + 0.5 * exp(-($0 - 1) / 2.5) }, std: 0.015),
                                      deltaPToXd: curve({ 0.84 + 0.01 * sin($0) }, std: 0.03),
                                      noiseXdToP: (0.35, 0.012), noisePToXd: (0.85, 0.03))
        let supPaper = SupervisedSelection(deltaXdToP: curve({ 0.35 + 0.48 * exp(-($0 - 1) / 2.8) }, std: 0.012),
                                           deltaPToXd: curve({ 0.83 + 0.015 * cos($0) }, std: 0.03),
                                           noiseXdToP: (0.349, 0.012), noisePToXd: (0.85, 0.031))
        let unsup = UnsupervisedSelection(symmetric: curve({ 0.6 * exp(-($0 - 1) / 1.2) + 0.001 }, std: 0.0005),
                                          fullToXd: curve({ 0.14 * exp(-($0 - 1) / 1.0) + 0.0007 }, std: 0.0002),
                                          xdToFull: curve({ 0.68 * exp(-($0 - 1) / 1.3) + 0.0007 }, std: 0.0004))
        let unsupPaper = UnsupervisedSelection(symmetric: curve({ 0.58 * exp(-($0 - 1) / 1.3) + 0.001 }, std: 0.0005),
                                               fullToXd: curve({ 0.13 * exp(-($0 - 1) / 1.1) + 0.0007 }, std: 0.0002),
                                               xdToFull: curve({ 0.66 * exp(-($0 - 1) / 1.4) + 0.0007 }, std: 0.0004))
        // Fig. 7, 9, 10
        func accuracy(_ scale: Double) -> PredictionAccuracy {
            PredictionAccuracy(supervised: curve({ scale * (0.72 - 0.17 * exp(-($0 - 1) * 2)) }, std: 0.04),
                               unsupervised: curve({ scale * (0.72 - 0.4 * exp(-($0 - 1) / 3)) }, std: 0.06),
                               lasso: curve({ scale * (0.73 - 0.17 * exp(-($0 - 1) * 2)) }, std: 0.03),
                               random: curve({ scale * (0.71 - 0.55 * exp(-($0 - 1) / 4)) }, std: 0.05))
        }
        let pHat = maps.pHat
        let scatter = PredictionScatterData(p: p, pHat: pHat, species: species, pearson: [0.72, 0.78, 0.66, 0.58])
        let series = TemperatureSeriesData(temperatures: [0.30, 0.35, 0.40, 0.45],
                                           optimalEllTheta: [2.0, 1.5, 1.5, 1.0],
                                           bestPearson: peak.map { r in [1.0, 0.9, 0.8, 0.7].map { r * $0 } })
        let sweeps = (0..<200).map { pow(10, 5 * Double($0 + 1) / 200) }
        let equil = EquilibrationData(sweeps: [sweeps, sweeps], energy: [0, 1].map { c in
            sweeps.map { -2.8 + 0.6 * exp(-$0 / (800 * Double(c + 1))) + 0.003 * hash(Int($0), c) }
        }, labels: ["configuration 1", "configuration 2"])
        return [
            ("fig01_relaxation", PaperFigures.relaxation(relaxation)),
            ("fig02_maps", PaperFigures.propensityMaps(maps)),
            ("fig03_schematic", PaperFigures.imbalanceSchematic()),
            ("fig04_descriptors", PaperFigures.descriptorScan(DescriptorScanData(ells: ells, ours: scan,
                                                                                 paper: withPaper ? scanPaper : nil))),
            ("fig05_supervised", PaperFigures.supervisedSelection(SupervisedSelectionData(ours: sup, paper: withPaper ? supPaper : nil))),
            ("fig06_unsupervised", PaperFigures.unsupervisedSelection(UnsupervisedSelectionData(ours: unsup,
                                                                                                paper: withPaper ? unsupPaper : nil))),
            ("fig07_accuracy", PaperFigures.predictionAccuracy(PredictionAccuracyData(ours: accuracy(1), paper: withPaper ? accuracy(0.98) : nil,
                                                                                      timeLabel: "<i>t</i> = \(Notation.tauAlpha)"))),
            ("fig08_scatter", PaperFigures.predictionScatter(scatter)),
            ("fig09_species", PaperFigures.speciesAccuracy(SpeciesAccuracyData(small: accuracy(1.05), medium: accuracy(0.95), large: accuracy(0.85)))),
            ("fig10_accuracy_beta", PaperFigures.predictionAccuracy(PredictionAccuracyData(ours: accuracy(0.6),
                                                                                           timeLabel: "<i>t</i> = 5 × 10<sup>4</sup>"))),
            ("fig11_temperatures", PaperFigures.temperatureSeries(series)),
            ("fig12_equilibration", PaperFigures.equilibration(equil)),
        ]
    }
}
